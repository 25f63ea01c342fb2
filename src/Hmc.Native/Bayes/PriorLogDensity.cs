using Hmc.Native.Samplers;

namespace Hmc.Native.Bayes;

/// <summary>The weight prior alone as a log-density (one of the pieces of split HMC).</summary>
public sealed class PriorLogDensity(ModelPrior prior) : ILogDensity
{
    /// <inheritdoc />
    public int Dimension => prior.Dimension;

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> position, Span<double> gradient)
    {
        gradient.Clear();
        return prior.AddLogDensity(position, gradient);
    }

    /// <inheritdoc />
    public ILogDensity Fork() => this;
}
