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
    /// <summary>The energy error above which a trajectory is reported divergent (Stan's and NumPyro's 1000).</summary>
    public const double DivergenceThreshold = 1000;

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
        bool valid = true;
        int taken = 0;
        for (int i = 0; i < Steps && valid; i++)
        {
            valid = Leapfrog.Step(Density, Metric, _z, StepSize);
            taken++;
        }
        double h1 = valid ? _z.Energy : double.PositiveInfinity;
        double error = h1 - h0;
        double acceptProbability = valid ? Math.Min(1, Math.Exp(-error)) : 0;
        bool divergent = !valid || error > DivergenceThreshold;
        bool accepted = valid && rng.NextDouble() < acceptProbability;
        var next = accepted ? Snapshot(_z) : state;
        var info = new TransitionInfo(acceptProbability, accepted, divergent, !valid, accepted ? h1 : h0, StepSize, 0, taken);
        return (next, info);
    }
}
