using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// Hamiltonian Monte Carlo with a fixed number of leapfrog steps (Duane et al. 1987; Neal 2011, §5.3.2): draw
/// p ~ N(0, M), integrate L steps of size ε, accept with probability min(1, exp(H₀ − H₁)). A non-finite
/// log-density or gradient anywhere on the trajectory rejects the proposal, and the chain stays where it was.
/// </summary>
public sealed class HmcKernel : EuclideanKernel
{
    private readonly PhasePoint _z;

    /// <summary>Creates the kernel with <paramref name="steps"/> leapfrog steps per transition.</summary>
    public HmcKernel(ILogDensity density, IEuclideanMetric metric, double stepSize, int steps)
        : base(density, metric, stepSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        Steps = steps;
        _z = new PhasePoint(density.Dimension);
    }

    /// <summary>L, the leapfrog steps per transition.</summary>
    public int Steps { get; }

    /// <inheritdoc />
    public override (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state)
    {
        Start(rng, state, _z);
        double h0 = _z.Energy;
        bool valid = Leapfrog.Trajectory(new HostLeapfrogStorage(Density, Metric, _z), StepSize, Steps, out int taken);
        var outcome = TransitionOutcome.FromEnergies(h0, _z.Energy, valid);
        bool accepted = outcome.Accept(rng);
        var next = accepted ? Snapshot(_z) : state;
        var info = TransitionInfo.Of(outcome, accepted, accepted ? _z.Energy : h0, StepSize, 0, taken);
        return (next, info);
    }
}
