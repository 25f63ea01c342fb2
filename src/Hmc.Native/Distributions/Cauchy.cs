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
public sealed class Cauchy<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A Cauchy distribution with median <paramref name="loc"/> and half-width <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="loc"/> is not finite, or <paramref name="scale"/> is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Cauchy(Tensor<T> loc, Tensor<T> scale)
        : base("Cauchy", DistributionArguments.Broadcast("Cauchy", loc, nameof(loc), scale, nameof(scale)), Shape.Scalar)
    {
        DistributionArguments.RequireFinite(loc, Name, nameof(loc));
        DistributionArguments.RequirePositive(scale, Name, nameof(scale));
        Loc = loc;
        Scale = scale;
    }

    /// <summary>The location (median) μ.</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The scale (half width at half maximum) σ.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc />
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        return LogDensity(value, Loc, Scale);
    }

    /// <summary>The formula in the class summary, shared with <see cref="HalfCauchy{T}"/>.</summary>
    internal static Tensor<T> LogDensity(Tensor<T> value, Tensor<T> loc, Tensor<T> scale)
    {
        var z = (value - loc) / scale;
        return -z.Square().Log1p() - scale.Log() - T.CreateTruncating(Math.Log(Math.PI));
    }
}
