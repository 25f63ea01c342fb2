using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// A scalar distribution with a finite location μ and a positive scale σ that broadcast to the
/// <see cref="Distribution{T}.BatchShape"/>: the common shell of <see cref="Normal{T}"/>, <see cref="Cauchy{T}"/>,
/// <see cref="Laplace{T}"/> and <see cref="LogNormal{T}"/>, each of which supplies only its log-density formula.
/// </summary>
/// <remarks>
/// The parameters are checked once, when the distribution is built (constants throw, invalid tape elements give −∞;
/// see <see cref="Distribution{T}"/>); the value's NaN/∞ behaviour is that of the concrete distribution's formula.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class LocationScaleDistribution<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Checks and records the location and scale of the distribution called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="loc"/> is not finite, or a constant <paramref name="scale"/> is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    private protected LocationScaleDistribution(string name, Tensor<T> loc, Tensor<T> scale)
        : base(name, DistributionArguments.Broadcast(name, loc, nameof(loc), scale, nameof(scale)), Shape.Scalar)
    {
        Loc = Checked(loc, nameof(loc), ParameterRule<T>.Finite);
        Scale = Checked(scale, nameof(scale), ParameterRule<T>.Positive);
    }

    /// <summary>The location μ (see the concrete distribution for its meaning: mean, median, or mean of ln X).</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The scale σ (see the concrete distribution for its meaning: standard deviation, half width, ...).</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc />
    private protected sealed override Tensor<T> LogProbCore(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        return LogDensity(value);
    }

    /// <summary>The log-density formula of the concrete distribution at <paramref name="value"/>, with <see cref="Loc"/> and <see cref="Scale"/>.</summary>
    private protected abstract Tensor<T> LogDensity(Tensor<T> value);
}
