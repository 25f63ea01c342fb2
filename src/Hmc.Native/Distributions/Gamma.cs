using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The gamma distribution with concentration (shape) α and rate β:
/// <code>
///   ln p(x) = α ln β − ln Γ(α) + (α − 1) ln x − βx,   x &gt; 0.
/// </code>
/// </summary>
/// <remarks>
/// Differentiable in x, α and β (the α-derivatives go through <see cref="LogGammaOp"/>). x ≤ 0 gives −∞ (with zero
/// gradient), also where α = 1 would give a finite limit at 0; NaN gives NaN.
/// </remarks>
public sealed class Gamma<T> : ConcentrationRateDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A gamma distribution with shape <paramref name="concentration"/> and rate <paramref name="rate"/> (mean α/β).</summary>
    /// <exception cref="ArgumentException">A constant parameter is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Gamma(Tensor<T> concentration, Tensor<T> rate)
        : base("Gamma", concentration, rate)
    {
    }

    /// <inheritdoc />
    private protected override Tensor<T> PositiveLogDensity(Tensor<T> x)
    {
        var a = Concentration;
        return a * Rate.Log() - a.LogGamma() + (a - T.One) * x.Log() - Rate * x;
    }
}
