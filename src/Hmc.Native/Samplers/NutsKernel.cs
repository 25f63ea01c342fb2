using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// The No-U-Turn sampler on a Euclidean metric, as Stan implements it: a momentum p ~ N(0, M), then the trajectory
/// and multinomial draw of <see cref="NoUTurnTree"/> with leapfrog steps.
/// </summary>
public sealed class NutsKernel : EuclideanKernel, IReportsAcceptStatistic
{
    private readonly PhasePoint _start;
    private readonly NoUTurnTree _tree;

    /// <summary>Creates the sampler.</summary>
    /// <param name="density">The target.</param>
    /// <param name="metric">The mass matrix.</param>
    /// <param name="stepSize">ε.</param>
    /// <param name="maxTreeDepth">The largest number of doublings (Stan's default 10: at most 1023 leapfrog steps).</param>
    public NutsKernel(ILogDensity density, IEuclideanMetric metric, double stepSize, int maxTreeDepth = 10)
        : base(density, metric, stepSize)
    {
        _start = new PhasePoint(density.Dimension);
        _tree = new NoUTurnTree(new EuclideanDynamics(density, () => Metric), density.Dimension, maxTreeDepth);
    }

    /// <inheritdoc />
    public int MaxTreeDepth => _tree.MaxTreeDepth;

    /// <summary>The backward and forward ends of the last trajectory (for tests against the recursive reference).</summary>
    internal (double[] Minus, double[] Plus) LastTrajectoryEnds => _tree.LastTrajectoryEnds;

    /// <inheritdoc />
    public override (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state)
    {
        Start(rng, state, _start);
        var (moved, info) = _tree.Transition(rng, _start, StepSize);
        return (moved ? Snapshot(_tree.Selected) : state, info);
    }
}
