using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The half-Cauchy distribution, |Z| for a Cauchy Z with location 0 and scale σ:
/// <code>
///   ln p(x) = ln 2 − ln π − ln σ − ln(1 + (x/σ)²),   x ≥ 0.
/// </code>
/// </summary>
/// <remarks>Differentiable in x and σ. x &lt; 0 gives −∞ (with zero gradient); NaN gives NaN.</remarks>
public sealed class HalfCauchy<T> : HalfDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A half-Cauchy distribution with scale <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="scale"/> is not positive and finite.</exception>
    public HalfCauchy(Tensor<T> scale)
        : base("HalfCauchy", scale)
    {
    }

    /// <inheritdoc />
    private protected override Tensor<T> SymmetricLogDensity(Tensor<T> x) => Cauchy<T>.Formula(x, x.ScalarLike(T.Zero), Scale);
}
