using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The distribution of |Z| for a Z symmetric about 0 with a positive scale σ: p(x) = 2 p_Z(x), so
/// <code>
///   ln p(x) = ln 2 + ln p_Z(x),   x ≥ 0.
/// </code>
/// The common shell of <see cref="HalfNormal{T}"/> and <see cref="HalfCauchy{T}"/>, each of which supplies only ln p_Z.
/// </summary>
/// <remarks>Differentiable in x and σ. x &lt; 0 gives −∞ (with zero gradient); NaN gives NaN.</remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class HalfDistribution<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Checks and records the scale of the distribution called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="scale"/> is not positive and finite.</exception>
    private protected HalfDistribution(string name, Tensor<T> scale)
        : base(name, DistributionArguments.ShapeOf(name, scale, nameof(scale)), Shape.Scalar)
    {
        Scale = Checked(scale, nameof(scale), ParameterRule<T>.Positive);
    }

    /// <summary>The scale σ of the symmetric distribution that is folded at 0.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc />
    private protected sealed override Tensor<T> LogProbCore(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        var inside = Support.Mask(value, Scale, static x => !(x < T.Zero));
        var x = Support.Select(inside, value, T.Zero);
        return Support.Restrict(inside, SymmetricLogDensity(x) + T.CreateTruncating(Math.Log(2)));
    }

    /// <summary>ln p_Z(<paramref name="x"/>): the log-density of the symmetric distribution with location 0 and scale <see cref="Scale"/>.</summary>
    private protected abstract Tensor<T> SymmetricLogDensity(Tensor<T> x);
}
