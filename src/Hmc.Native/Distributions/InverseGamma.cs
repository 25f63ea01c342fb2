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
public sealed class InverseGamma<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An inverse-gamma distribution with shape <paramref name="concentration"/> and rate <paramref name="rate"/> (mean β/(α − 1) for α &gt; 1).</summary>
    /// <exception cref="ArgumentException">A parameter is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public InverseGamma(Tensor<T> concentration, Tensor<T> rate)
        : base("InverseGamma", DistributionArguments.Broadcast("InverseGamma", concentration, nameof(concentration), rate, nameof(rate)), Shape.Scalar)
    {
        DistributionArguments.RequirePositive(concentration, Name, nameof(concentration));
        DistributionArguments.RequirePositive(rate, Name, nameof(rate));
        Concentration = concentration;
        Rate = rate;
    }

    /// <summary>The concentration (shape) α.</summary>
    public Tensor<T> Concentration { get; }

    /// <summary>The rate β of the gamma variable 1/X (a scale of X).</summary>
    public Tensor<T> Rate { get; }

    /// <inheritdoc />
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        var inside = Support.Mask(value, Rate, static x => !(x <= T.Zero));
        var x = Support.Select(inside, value, T.One);
        var a = Concentration;
        var logDensity = a * Rate.Log() - a.LogGamma() - (a + T.One) * x.Log() - Rate / x;
        return Support.Restrict(inside, logDensity);
    }
}
