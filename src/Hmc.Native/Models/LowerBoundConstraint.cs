using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// Values above a lower bound a (Stan Reference Manual, "Lower bounded scalar"): y = a + exp(x), so
/// dy/dx = exp(x) and log|J| = Σ x; the inverse is x = log(y − a). An x so negative that exp(x) underflows (or is
/// absorbed by a) gives y = a on the boundary, and one whose exp(x) overflows gives y = +∞; both give log|J| = −∞
/// (<see cref="Constraint.Result"/>), not an exception.
/// </summary>
internal sealed class LowerBoundConstraint : ElementwiseConstraint
{
    /// <summary>The constraint y &gt; <paramref name="bound"/>.</summary>
    /// <exception cref="ArgumentException">The bound is not finite.</exception>
    public LowerBoundConstraint(double bound)
    {
        if (!double.IsFinite(bound))
            throw new ArgumentException($"Lower: the bound must be finite, not {Number(bound)}.", nameof(bound));
        Bound = bound;
    }

    /// <summary>The lower bound a.</summary>
    public double Bound { get; }

    /// <inheritdoc/>
    public override string Name => "lower=" + Number(Bound);

    /// <summary>y = a + exp(x); log|J| = Σ x.</summary>
    protected override (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Map(Tensor<double> x)
    {
        var e = x.Exp();
        return (Bound == 0 ? e : e + Bound, x.Sum());
    }

    /// <summary>x = log(y − a).</summary>
    protected override double InverseElement(double y) => Math.Log(y - Bound);

    /// <summary>y must be strictly greater than a.</summary>
    protected override string? Breaks(double y) => y > Bound ? null : $"which is not greater than the lower bound {Number(Bound)}";
}
