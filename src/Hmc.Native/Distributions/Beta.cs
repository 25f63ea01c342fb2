using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The beta distribution with concentrations α and β:
/// <code>
///   ln p(x) = (α − 1) ln x + (β − 1) ln(1 − x) − ln B(α, β),   ln B(α, β) = ln Γ(α) + ln Γ(β) − ln Γ(α + β),   0 &lt; x &lt; 1,
/// </code>
/// with ln(1 − x) computed by log1p.
/// </summary>
/// <remarks>
/// Differentiable in x, α and β. Values outside the open interval (0, 1), the end points included, give −∞ (with
/// zero gradient); NaN gives NaN.
/// </remarks>
public sealed class Beta<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// A beta distribution with concentrations <paramref name="concentration1"/> (α) and <paramref name="concentration0"/>
    /// (β), named as in PyTorch; mean α/(α + β).
    /// </summary>
    /// <exception cref="ArgumentException">A constant parameter is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Beta(Tensor<T> concentration1, Tensor<T> concentration0)
        : base("Beta", DistributionArguments.Broadcast("Beta", concentration1, nameof(concentration1), concentration0, nameof(concentration0)), Shape.Scalar)
    {
        Concentration1 = Checked(concentration1, nameof(concentration1), ParameterRule<T>.Positive);
        Concentration0 = Checked(concentration0, nameof(concentration0), ParameterRule<T>.Positive);
    }

    /// <summary>The concentration α (the exponent of x is α − 1).</summary>
    public Tensor<T> Concentration1 { get; }

    /// <summary>The concentration β (the exponent of 1 − x is β − 1).</summary>
    public Tensor<T> Concentration0 { get; }

    /// <inheritdoc />
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        var inside = Support.Mask(value, Concentration1, static x => !(x <= T.Zero || x >= T.One));
        var x = Support.Select(inside, value, T.CreateTruncating(0.5));
        Tensor<T> a = Concentration1, b = Concentration0;
        var logBeta = a.LogGamma() + b.LogGamma() - (a + b).LogGamma();
        var logDensity = (a - T.One) * x.Log() + (b - T.One) * (-x).Log1p() - logBeta;
        return Support.Restrict(inside, logDensity);
    }
}
