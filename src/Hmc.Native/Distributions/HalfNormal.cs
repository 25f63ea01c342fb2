using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The half-normal distribution, |Z| for Z ~ N(0, σ²):
/// <code>
///   ln p(x) = ln 2 − ½ (x/σ)² − ln σ − ½ ln 2π,   x ≥ 0.
/// </code>
/// </summary>
/// <remarks>Differentiable in x and σ. x &lt; 0 gives −∞ (with zero gradient); NaN gives NaN.</remarks>
public sealed class HalfNormal<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A half-normal distribution with scale <paramref name="scale"/> (the standard deviation of the normal folded at 0).</summary>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is not positive and finite.</exception>
    public HalfNormal(Tensor<T> scale)
        : base("HalfNormal", DistributionArguments.ShapeOf("HalfNormal", scale, nameof(scale)), Shape.Scalar)
    {
        DistributionArguments.RequirePositive(scale, Name, nameof(scale));
        Scale = scale;
    }

    /// <summary>The scale σ.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc />
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        var inside = Support.Mask(value, Scale, static x => !(x < T.Zero));
        var x = Support.Select(inside, value, T.Zero);
        var logDensity = Normal<T>.LogDensity(x, x.ScalarLike(T.Zero), Scale) + T.CreateTruncating(Math.Log(2));
        return Support.Restrict(inside, logDensity);
    }
}
