using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The inverse-gamma distribution, 1/X for X ~ Gamma(α, β), with concentration α and rate β (β is PyTorch's
/// <c>rate</c> and MathNet's <c>scale</c>):
/// <code>
///   ln p(x) = α ln β − ln Γ(α) − (α + 1) ln x − β/x,   x &gt; 0.
/// </code>
/// </summary>
/// <remarks>Differentiable in x, α and β. x ≤ 0 gives −∞ (with zero gradient); NaN gives NaN.</remarks>
public sealed class InverseGamma<T> : ConcentrationRateDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An inverse-gamma distribution with shape <paramref name="concentration"/> and rate <paramref name="rate"/> (mean β/(α − 1) for α &gt; 1).</summary>
    /// <exception cref="ArgumentException">A constant parameter is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public InverseGamma(Tensor<T> concentration, Tensor<T> rate)
        : base("InverseGamma", concentration, rate)
    {
    }

    /// <inheritdoc />
    private protected override Tensor<T> PositiveLogDensity(Tensor<T> x)
    {
        var a = Concentration;
        return a * Rate.Log() - a.LogGamma() - (a + T.One) * x.Log() - Rate / x;
    }
}
