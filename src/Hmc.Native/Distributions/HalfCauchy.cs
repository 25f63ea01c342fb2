using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The half-Cauchy distribution, |Z| for a Cauchy Z with location 0 and scale σ:
/// <code>
///   ln p(x) = ln 2 − ln π − ln σ − ln(1 + (x/σ)²),   x ≥ 0.
/// </code>
/// </summary>
/// <remarks>Differentiable in x and σ. x &lt; 0 gives −∞ (with zero gradient); NaN gives NaN.</remarks>
public sealed class HalfCauchy<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A half-Cauchy distribution with scale <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is not positive and finite.</exception>
    public HalfCauchy(Tensor<T> scale)
        : base("HalfCauchy", DistributionArguments.ShapeOf("HalfCauchy", scale, nameof(scale)), Shape.Scalar)
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
        var logDensity = Cauchy<T>.LogDensity(x, x.ScalarLike(T.Zero), Scale) + T.CreateTruncating(Math.Log(2));
        return Support.Restrict(inside, logDensity);
    }
}
