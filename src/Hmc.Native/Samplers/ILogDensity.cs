namespace Hmc.Native.Samplers;

/// <summary>
/// An unnormalised log-density log π(θ) with its gradient, as samplers see it. A non-finite value (NaN, ±∞) at a
/// proposal is a rejection; an exception is a fault in user code and stops the run (wrapped in
/// <see cref="LogDensityException"/> with the parameters that caused it).
/// </summary>
public interface ILogDensity
{
    /// <summary>The number of parameters.</summary>
    int Dimension { get; }

    /// <summary>Returns log π(<paramref name="position"/>) and writes ∇log π into <paramref name="gradient"/>.</summary>
    double Evaluate(ReadOnlySpan<double> position, Span<double> gradient);

    /// <summary>An independent instance for another thread (its own tape and buffers) computing the same function.</summary>
    ILogDensity Fork();
}
