using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// Values between a lower bound a and an upper bound b (Stan Reference Manual, "Lower and upper bounded scalar"):
/// y = a + (b − a)·σ(x) with the logistic σ(x) = 1/(1 + e⁻ˣ), so dy/dx = (b − a)·σ(x)·(1 − σ(x)) and
/// log|J| = Σ [log(b − a) + log σ(x) + log σ(−x)], each log-sigmoid in its stable form (1 − σ(x) = σ(−x)), so its
/// derivatives stay finite for any finite x; where σ(x) rounds to 0 or 1 and y lands on a bound, log|J| is −∞
/// (<see cref="Constraint.Result"/>), not an exception. The inverse is x = logit((y − a)/(b − a)) = log(y − a) − log(b − y).
/// </summary>
internal sealed class BoundedConstraint : ElementwiseConstraint
{
    private readonly double _logWidth;

    /// <summary>The constraint <paramref name="lower"/> &lt; y &lt; <paramref name="upper"/>.</summary>
    /// <exception cref="ArgumentException">A bound is not finite, the lower is not below the upper, or b − a overflows.</exception>
    public BoundedConstraint(double lower, double upper)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper))
            throw new ArgumentException($"Bounded: the bounds must be finite, not {Number(lower)} and {Number(upper)}.", nameof(lower));
        if (!(lower < upper))
            throw new ArgumentException($"Bounded: the lower bound {Number(lower)} must be less than the upper bound {Number(upper)}.", nameof(lower));
        if (!double.IsFinite(upper - lower))
            throw new ArgumentException($"Bounded: the width of [{Number(lower)}, {Number(upper)}] overflows.", nameof(upper));
        LowerBound = lower;
        UpperBound = upper;
        _logWidth = Math.Log(upper - lower);
    }

    /// <summary>The lower bound a.</summary>
    public double LowerBound { get; }

    /// <summary>The upper bound b.</summary>
    public double UpperBound { get; }

    /// <inheritdoc/>
    public override string Name => $"lower={Number(LowerBound)}, upper={Number(UpperBound)}";

    /// <summary>y = a + (b − a)·σ(x); log|J| = n·log(b − a) + Σ [log σ(x) + log σ(−x)] over the n elements.</summary>
    protected override (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Map(Tensor<double> x)
    {
        var value = x.Sigmoid() * (UpperBound - LowerBound) + LowerBound;
        var logJacobian = (x.LogSigmoid() + (-x).LogSigmoid()).Sum() + x.Length * _logWidth;
        return (value, logJacobian);
    }

    /// <summary>x = log(y − a) − log(b − y).</summary>
    protected override double InverseElement(double y) => Math.Log(y - LowerBound) - Math.Log(UpperBound - y);

    /// <summary>y must lie strictly between a and b.</summary>
    protected override string? Breaks(double y) =>
        y > LowerBound && y < UpperBound ? null : $"which is not strictly between the bounds {Number(LowerBound)} and {Number(UpperBound)}";
}
