using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The exponential distribution with rate λ:
/// <code>
///   ln p(x) = ln λ − λx,   x ≥ 0.
/// </code>
/// </summary>
/// <remarks>Differentiable in x and λ. x &lt; 0 gives −∞ (with zero gradient); +∞ gives −∞; NaN gives NaN.</remarks>
public sealed class Exponential<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An exponential distribution with rate <paramref name="rate"/> (mean 1/λ).</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="rate"/> is not positive and finite.</exception>
    public Exponential(Tensor<T> rate)
        : base("Exponential", DistributionArguments.ShapeOf("Exponential", rate, nameof(rate)), Shape.Scalar)
    {
        Rate = Checked(rate, nameof(rate), ParameterRule<T>.Positive);
    }

    /// <summary>The rate λ.</summary>
    public Tensor<T> Rate { get; }

    /// <inheritdoc />
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        var inside = Support.Mask(value, Rate, static x => !(x < T.Zero));
        var x = Support.Select(inside, value, T.Zero);
        return Support.Restrict(inside, Rate.Log() - Rate * x);
    }
}
