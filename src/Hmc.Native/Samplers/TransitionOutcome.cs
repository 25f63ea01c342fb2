using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// What a proposal's energies decide, written once for every kernel, every leaf of the No-U-Turn tree and the
/// device kernel (DESIGN.md principle 6; NumPyro's conventions in <c>hmc_util</c>):
/// <list type="bullet">
/// <item>the energy error is ΔH = H(θ₁, p₁) − H(θ₀, p₀); a NaN or +∞ proposal energy, or a proposal whose
/// log-density, gradient or metric was not finite, counts as ΔH = +∞ and is <see cref="Invalid"/>;</item>
/// <item>the Metropolis acceptance probability is min(1, exp(−ΔH)) (Neal 2011, eq. 3.6), so 0 for an invalid proposal;</item>
/// <item>ΔH above <see cref="DivergenceThreshold"/> (an invalid proposal included) is a <see cref="Divergent"/> trajectory;</item>
/// <item>a proposal whose implicit solve did not converge is rejected and counted as a solver failure: neither
/// invalid nor divergent, since no energy was computed.</item>
/// </list>
/// </summary>
/// <param name="EnergyError">ΔH, +∞ when the proposal is invalid or its solve failed.</param>
/// <param name="AcceptProbability">min(1, exp(−ΔH)), in [0, 1].</param>
/// <param name="Divergent">ΔH exceeded <see cref="DivergenceThreshold"/>.</param>
/// <param name="Invalid">A non-finite energy, log-density, gradient or metric was met.</param>
/// <param name="SolverFailed">A fixed-point solve of an implicit integrator did not converge.</param>
public readonly record struct TransitionOutcome(double EnergyError, double AcceptProbability, bool Divergent, bool Invalid, bool SolverFailed)
{
    /// <summary>The energy error above which a trajectory is reported divergent (Stan's and NumPyro's 1000).</summary>
    public const double DivergenceThreshold = 1000;

    /// <summary>The outcome of a proposal with energy error <paramref name="energyError"/> = H₁ − H₀.</summary>
    /// <param name="energyError">ΔH; a non-finite value (NaN, ±∞: a log-density that is not finite) makes the proposal invalid.</param>
    /// <param name="valid">False when a non-finite log-density, gradient or metric was met on the way.</param>
    public static TransitionOutcome FromEnergyError(double energyError, bool valid = true)
    {
        bool invalid = !valid || !double.IsFinite(energyError);
        double error = invalid ? double.PositiveInfinity : energyError;
        double accept = error <= 0 ? 1 : Math.Exp(-error);
        return new TransitionOutcome(error, accept, error > DivergenceThreshold, invalid, SolverFailed: false);
    }

    /// <summary>The outcome of moving from energy <paramref name="initialEnergy"/> to <paramref name="proposalEnergy"/>.</summary>
    /// <param name="initialEnergy">H₀, at the chain's state with its fresh momentum.</param>
    /// <param name="proposalEnergy">H₁; NaN or +∞ make the proposal invalid.</param>
    /// <param name="valid">False when a non-finite log-density, gradient or metric was met on the way.</param>
    public static TransitionOutcome FromEnergies(double initialEnergy, double proposalEnergy, bool valid = true) =>
        FromEnergyError(valid && double.IsFinite(proposalEnergy) ? proposalEnergy - initialEnergy : double.PositiveInfinity, valid);

    /// <summary>No proposal could be made: the start of the transition was invalid (for example G(θ₀) is not positive
    /// definite after every jitter). Invalid, not divergent, since no trajectory was integrated.</summary>
    public static TransitionOutcome NoProposal { get; } = new(double.PositiveInfinity, 0, Divergent: false, Invalid: true, SolverFailed: false);

    /// <summary>A fixed-point solve did not converge: the proposal is rejected and counted as a solver failure.</summary>
    public static TransitionOutcome FailedSolve { get; } = new(double.PositiveInfinity, 0, Divergent: false, Invalid: false, SolverFailed: true);

    /// <summary>Whether the proposal can be accepted at all (a valid energy was computed).</summary>
    public bool HasEnergy => !Invalid && !SolverFailed;

    /// <summary>
    /// The Metropolis decision: true with probability <see cref="AcceptProbability"/>. A proposal without an energy
    /// is rejected without drawing; otherwise one uniform is drawn from <paramref name="rng"/>, so every kernel
    /// consumes the chain's stream the same way.
    /// </summary>
    public bool Accept(Rng rng) => HasEnergy && Accepts(rng.NextDouble());

    /// <summary>
    /// The Metropolis decision for a given uniform <paramref name="uniform"/> ∈ [0, 1): accept when the proposal has an
    /// energy and u &lt; <see cref="AcceptProbability"/>. It is what <see cref="Accept"/> decides once its uniform is
    /// drawn, for a caller (a device kernel) whose uniform comes from elsewhere.
    /// </summary>
    public bool Accepts(double uniform) => HasEnergy && uniform < AcceptProbability;
}
