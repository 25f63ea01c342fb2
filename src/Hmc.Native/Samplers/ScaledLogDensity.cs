using Hmc.Native.Backends;

namespace Hmc.Native.Samplers;

/// <summary>c·log π(θ): hamiltorch's <c>normalizing_const</c> divides the log-density (c = 1/normalizing_const). The
/// thread budget is the inner density's: forking with a budget forks the inner density with it.</summary>
public sealed class ScaledLogDensity(ILogDensity inner, double scale) : IParallelLogDensity
{
    /// <inheritdoc />
    public int Dimension => inner.Dimension;

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> position, Span<double> gradient)
    {
        double value = inner.Evaluate(position, gradient);
        TensorPrimitives.Multiply(gradient, scale, gradient);
        return value * scale;
    }

    /// <inheritdoc />
    public ILogDensity Fork() => new ScaledLogDensity(inner.Fork(), scale);

    /// <inheritdoc />
    public CpuParallelism Parallelism => ChainParallelism.Of(inner);

    /// <inheritdoc />
    public ILogDensity Fork(CpuParallelism parallelism) => new ScaledLogDensity(ChainParallelism.Fork(inner, parallelism), scale);
}
