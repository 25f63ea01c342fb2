using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>What HMC and NUTS share: a log-density, a Euclidean metric that adaptation may replace, and a step size.</summary>
public abstract class EuclideanKernel : IHasEuclideanMetric
{
    /// <summary>Creates the kernel.</summary>
    protected EuclideanKernel(ILogDensity density, IEuclideanMetric metric, double stepSize)
    {
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Dimension != density.Dimension)
            throw new ArgumentException($"The metric has dimension {metric.Dimension}; the log-density has {density.Dimension}.", nameof(metric));
        Density = density;
        Metric = metric;
        StepSize = stepSize;
    }

    /// <inheritdoc />
    public ILogDensity Density { get; }

    /// <inheritdoc />
    public IEuclideanMetric Metric { get; set; }

    /// <inheritdoc />
    public double StepSize { get; set; }

    /// <inheritdoc />
    public ChainState Initialize(ReadOnlySpan<double> position) => InitialState(Density, position);

    /// <summary>Evaluates <paramref name="density"/> at <paramref name="position"/> and checks it is usable as a starting point.</summary>
    /// <exception cref="InvalidInitialPointException">Wrong length, non-finite parameters, log-density or gradient.</exception>
    public static ChainState InitialState(ILogDensity density, ReadOnlySpan<double> position)
    {
        if (position.Length != density.Dimension)
            throw new InvalidInitialPointException($"The initial parameters have length {position.Length}; the log-density has dimension {density.Dimension}.");
        for (int i = 0; i < position.Length; i++)
            if (!double.IsFinite(position[i]))
                throw new InvalidInitialPointException($"Initial parameter {i} is {position[i]}; every initial parameter must be finite.");
        var z = new PhasePoint(position.Length);
        position.CopyTo(z.Position);
        bool ok = Leapfrog.Evaluate(density, z);
        if (!double.IsFinite(z.LogDensity))
            throw new InvalidInitialPointException($"The log-density is {z.LogDensity} at the initial parameters; start where it is finite.");
        if (!ok)
            throw new InvalidInitialPointException("The gradient of the log-density is not finite at the initial parameters.");
        return new ChainState(z.Position, z.LogDensity, z.Gradient);
    }

    /// <inheritdoc />
    public abstract (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state);

    /// <summary>Loads <paramref name="state"/> into <paramref name="z"/> and draws a fresh momentum p ~ N(0, M).</summary>
    protected void Start(Rng rng, ChainState state, PhasePoint z)
    {
        state.Position.CopyTo(z.Position, 0);
        state.Gradient.CopyTo(z.Gradient, 0);
        z.LogDensity = state.LogDensity;
        Metric.SampleMomentum(rng, z.Momentum);
        z.UpdateVelocity(Metric);
    }

    /// <summary>A new chain state holding copies of <paramref name="z"/>'s position and gradient.</summary>
    protected static ChainState Snapshot(PhasePoint z) =>
        new((double[])z.Position.Clone(), z.LogDensity, (double[])z.Gradient.Clone());
}
