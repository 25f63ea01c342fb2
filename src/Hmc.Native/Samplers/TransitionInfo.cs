using Hmc.Native.Integrators;

namespace Hmc.Native.Samplers;

/// <summary>What one transition reports (DESIGN.md principle 4; never dropped).</summary>
/// <param name="AcceptProbability">Metropolis acceptance probability (HMC), or the mean over the trajectory (NUTS), Stan's accept_stat__.</param>
/// <param name="Accepted">True when the chain moved to a new state.</param>
/// <param name="Divergent">The energy error exceeded <see cref="TransitionOutcome.DivergenceThreshold"/> somewhere on the trajectory.</param>
/// <param name="Invalid">A non-finite log-density, gradient or metric was met: the proposal was rejected.</param>
/// <param name="Energy">The Hamiltonian at the returned state with its momentum, Stan's energy__.</param>
/// <param name="StepSize">The step size used.</param>
/// <param name="TreeDepth">NUTS tree depth (0 for HMC).</param>
/// <param name="LeapfrogSteps">Integrator steps taken (each costs one gradient).</param>
/// <param name="FixedPointIterations">Implicit integrators: the largest number of fixed-point iterations one solve took (0 otherwise).</param>
/// <param name="FixedPointResidual">Implicit integrators: the largest final residual of a fixed-point solve (0 otherwise).</param>
/// <param name="FixedPointFailed">Implicit integrators: a fixed-point solve did not converge, so the proposal was rejected.</param>
public readonly record struct TransitionInfo(
    double AcceptProbability,
    bool Accepted,
    bool Divergent,
    bool Invalid,
    double Energy,
    double StepSize,
    int TreeDepth,
    int LeapfrogSteps,
    int FixedPointIterations = 0,
    double FixedPointResidual = 0,
    bool FixedPointFailed = false)
{
    /// <summary>The report of a single-proposal transition decided by <paramref name="outcome"/>.</summary>
    /// <param name="outcome">The shared accept / divergent / invalid decision.</param>
    /// <param name="accepted">Whether the Metropolis draw accepted the proposal.</param>
    /// <param name="energy">H at the returned state (NaN when no energy was computed).</param>
    /// <param name="stepSize">ε.</param>
    /// <param name="treeDepth">The tree depth (0 without a tree).</param>
    /// <param name="leapfrogSteps">Integrator steps taken.</param>
    /// <param name="fixedPoint">The fixed-point solves of an implicit integrator (default: none).</param>
    public static TransitionInfo Of(in TransitionOutcome outcome, bool accepted, double energy, double stepSize, int treeDepth, int leapfrogSteps,
        FixedPointStatistics fixedPoint = default) =>
        new(outcome.AcceptProbability, accepted, outcome.Divergent, outcome.Invalid, energy, stepSize, treeDepth, leapfrogSteps,
            fixedPoint.MaxIterations, fixedPoint.MaxResidual, fixedPoint.Failed || outcome.SolverFailed);
}
