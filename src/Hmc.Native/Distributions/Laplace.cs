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
public sealed class Laplace<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A Laplace distribution with location <paramref name="loc"/> and scale <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="loc"/> is not finite, or <paramref name="scale"/> is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Laplace(Tensor<T> loc, Tensor<T> scale)
        : base("Laplace", DistributionArguments.Broadcast("Laplace", loc, nameof(loc), scale, nameof(scale)), Shape.Scalar)
    {
        DistributionArguments.RequireFinite(loc, Name, nameof(loc));
        DistributionArguments.RequirePositive(scale, Name, nameof(scale));
        Loc = loc;
        Scale = scale;
    }

    /// <summary>The location (mean and median) μ.</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The scale b (the standard deviation is b√2).</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc />
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        return -(value - Loc).Abs() / Scale - (Scale * T.CreateTruncating(2)).Log();
    }
}
