using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The log-normal distribution: ln X ~ N(μ, σ²),
/// <code>
///   ln p(x) = −½ ((ln x − μ)/σ)² − ln σ − ½ ln 2π − ln x,   x &gt; 0.
/// </code>
/// </summary>
/// <remarks>Differentiable in x, μ and σ. x ≤ 0 gives −∞ (with zero gradient); NaN gives NaN.</remarks>
public sealed class LogNormal<T> : LocationScaleDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A log-normal distribution whose logarithm has mean <paramref name="loc"/> and standard deviation <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="loc"/> is not finite, or a constant <paramref name="scale"/> is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public LogNormal(Tensor<T> loc, Tensor<T> scale)
        : base("LogNormal", loc, scale)
    {
    }

    /// <inheritdoc />
    private protected override Tensor<T> LogDensity(Tensor<T> value)
    {
        var inside = Support.Mask(value, Loc, static x => !(x <= T.Zero));
        var logX = Support.Select(inside, value, T.One).Log();
        return Support.Restrict(inside, Normal<T>.Formula(logX, Loc, Scale) - logX);
    }
}
