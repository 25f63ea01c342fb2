using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The Laplace (double exponential) distribution with location μ and scale b:
/// <code>
///   ln p(x) = −ln 2b − |x − μ|/b,   x ∈ ℝ.
/// </code>
/// </summary>
/// <remarks>
/// Differentiable in x, μ and b except at x = μ, where the derivative in x and μ is taken as 0 (the subgradient
/// of <see cref="AbsOp"/>). A value of ±∞ gives −∞; NaN gives NaN.
/// </remarks>
public sealed class Laplace<T> : LocationScaleDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A Laplace distribution with location <paramref name="loc"/> and scale <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="loc"/> is not finite, or a constant <paramref name="scale"/> is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Laplace(Tensor<T> loc, Tensor<T> scale)
        : base("Laplace", loc, scale)
    {
    }

    /// <inheritdoc />
    private protected override Tensor<T> LogDensity(Tensor<T> value) =>
        -(value - Loc).Abs() / Scale - (Scale * T.CreateTruncating(2)).Log();
}
