using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The normal distribution N(μ, σ²):
/// <code>
///   ln p(x) = −½ ((x − μ)/σ)² − ln σ − ½ ln 2π,   x ∈ ℝ.
/// </code>
/// </summary>
/// <remarks>Differentiable in x, μ and σ. A value of ±∞ gives −∞; NaN gives NaN.</remarks>
public sealed class Normal<T> : LocationScaleDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A normal distribution with mean <paramref name="loc"/> and standard deviation <paramref name="scale"/> (shapes broadcast).</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="loc"/> is not finite, or a constant <paramref name="scale"/> is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Normal(Tensor<T> loc, Tensor<T> scale)
        : base("Normal", loc, scale)
    {
    }

    /// <inheritdoc />
    private protected override Tensor<T> LogDensity(Tensor<T> value) => Formula(value, Loc, Scale);

    /// <summary>The formula in the class summary, shared with <see cref="LogNormal{T}"/> and <see cref="HalfNormal{T}"/>.</summary>
    internal static Tensor<T> Formula(Tensor<T> value, Tensor<T> loc, Tensor<T> scale)
    {
        var z = (value - loc) / scale;
        return z.Square() * T.CreateTruncating(-0.5) - scale.Log() - T.CreateTruncating(HalfLogTwoPi);
    }

    /// <summary>½ ln 2π.</summary>
    internal const double HalfLogTwoPi = 0.91893853320467274178032973640562;
}
