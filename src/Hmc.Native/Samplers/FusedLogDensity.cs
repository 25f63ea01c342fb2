namespace Hmc.Native.Samplers;

/// <summary>A user function that returns log π(θ) and writes its gradient in one call (hamiltorch's <c>pass_grad</c>, fused).</summary>
public delegate double ValueAndGradientFunction(ReadOnlySpan<double> position, Span<double> gradient);

/// <summary>
/// Adapts a hand-written value-and-gradient function to <see cref="ILogDensity"/>. The function must be safe to
/// call from several threads at once when chains run in parallel (it is shared by every fork).
/// </summary>
public sealed class FusedLogDensity(ValueAndGradientFunction function, int dimension) : ILogDensity
{
    private readonly ValueAndGradientFunction _function = function ?? throw new ArgumentNullException(nameof(function));

    /// <inheritdoc />
    public int Dimension { get; } = dimension > 0 ? dimension : throw new ArgumentOutOfRangeException(nameof(dimension));

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> position, Span<double> gradient) => _function(position, gradient);

    /// <inheritdoc />
    public ILogDensity Fork() => this;
}
