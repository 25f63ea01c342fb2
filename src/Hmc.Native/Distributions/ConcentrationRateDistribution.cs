using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// A distribution on x &gt; 0 with a positive concentration α and a positive rate β that broadcast to the
/// <see cref="Distribution{T}.BatchShape"/>: the common shell of <see cref="Gamma{T}"/> and
/// <see cref="InverseGamma{T}"/>, each of which supplies only its log-density formula for x &gt; 0.
/// </summary>
/// <remarks>x ≤ 0 gives −∞ (with zero gradient); NaN gives NaN.</remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class ConcentrationRateDistribution<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Checks and records the concentration and rate of the distribution called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">A constant parameter is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    private protected ConcentrationRateDistribution(string name, Tensor<T> concentration, Tensor<T> rate)
        : base(name, DistributionArguments.Broadcast(name, concentration, nameof(concentration), rate, nameof(rate)), Shape.Scalar)
    {
        Concentration = Checked(concentration, nameof(concentration), ParameterRule<T>.Positive);
        Rate = Checked(rate, nameof(rate), ParameterRule<T>.Positive);
    }

    /// <summary>The concentration (shape) α.</summary>
    public Tensor<T> Concentration { get; }

    /// <summary>The rate β (see the concrete distribution for the variable it is the rate of).</summary>
    public Tensor<T> Rate { get; }

    /// <inheritdoc />
    private protected sealed override Tensor<T> LogProbCore(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        var inside = Support.Mask(value, Rate, static x => !(x <= T.Zero));
        var x = Support.Select(inside, value, T.One);
        return Support.Restrict(inside, PositiveLogDensity(x));
    }

    /// <summary>The log-density formula of the concrete distribution at <paramref name="x"/> &gt; 0.</summary>
    private protected abstract Tensor<T> PositiveLogDensity(Tensor<T> x);
}
