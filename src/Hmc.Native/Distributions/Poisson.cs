using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The Poisson distribution with rate λ:
/// <code>
///   ln p(k) = k ln λ − λ − ln Γ(k + 1),   k ∈ {0, 1, 2, …},
/// </code>
/// with 0·ln 0 = 0, so a rate of 0 puts all its mass on k = 0.
/// </summary>
/// <remarks>
/// Differentiable in λ. Negative or non-integer values give −∞ (with zero gradient); NaN gives NaN.
/// </remarks>
public sealed class Poisson<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A Poisson distribution with mean <paramref name="rate"/>.</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="rate"/> is negative or not finite.</exception>
    public Poisson(Tensor<T> rate)
        : base("Poisson", DistributionArguments.ShapeOf("Poisson", rate, nameof(rate)), Shape.Scalar)
    {
        Rate = Checked(rate, nameof(rate), ParameterRule<T>.NonNegative);
    }

    /// <summary>The rate (mean) λ.</summary>
    public Tensor<T> Rate { get; }

    /// <inheritdoc />
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        var inside = Support.Mask(value, Rate, static k => T.IsNaN(k) || (T.IsInteger(k) && k >= T.Zero));
        var k = Support.Select(inside, value, T.Zero);
        return Support.Restrict(inside, Support.XLogY(k, Rate) - Rate - (k + T.One).LogGamma());
    }
}
