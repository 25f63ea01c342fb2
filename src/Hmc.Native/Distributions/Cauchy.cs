using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The Cauchy distribution with location μ and scale σ:
/// <code>
///   ln p(x) = −ln π − ln σ − ln(1 + ((x − μ)/σ)²),   x ∈ ℝ,
/// </code>
/// with the last term computed by log1p.
/// </summary>
/// <remarks>Differentiable in x, μ and σ. A value of ±∞ gives −∞; NaN gives NaN.</remarks>
public sealed class Cauchy<T> : LocationScaleDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A Cauchy distribution with median <paramref name="loc"/> and half-width <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="loc"/> is not finite, or a constant <paramref name="scale"/> is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Cauchy(Tensor<T> loc, Tensor<T> scale)
        : base("Cauchy", loc, scale)
    {
    }

    /// <inheritdoc />
    private protected override Tensor<T> LogDensity(Tensor<T> value) => Formula(value, Loc, Scale);

    /// <summary>The formula in the class summary, shared with <see cref="HalfCauchy{T}"/>.</summary>
    internal static Tensor<T> Formula(Tensor<T> value, Tensor<T> loc, Tensor<T> scale)
    {
        var z = (value - loc) / scale;
        return -z.Square().Log1p() - scale.Log() - T.CreateTruncating(Math.Log(Math.PI));
    }
}
