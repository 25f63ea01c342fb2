using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The half-normal distribution, |Z| for Z ~ N(0, σ²):
/// <code>
///   ln p(x) = ln 2 − ½ (x/σ)² − ln σ − ½ ln 2π,   x ≥ 0.
/// </code>
/// </summary>
/// <remarks>Differentiable in x and σ. x &lt; 0 gives −∞ (with zero gradient); NaN gives NaN.</remarks>
public sealed class HalfNormal<T> : HalfDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A half-normal distribution with scale <paramref name="scale"/> (the standard deviation of the normal folded at 0).</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="scale"/> is not positive and finite.</exception>
    public HalfNormal(Tensor<T> scale)
        : base("HalfNormal", scale)
    {
    }

    /// <inheritdoc />
    private protected override Tensor<T> SymmetricLogDensity(Tensor<T> x) => Normal<T>.Formula(x, x.ScalarLike(T.Zero), Scale);
}
