using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// Values below an upper bound b (Stan Reference Manual, "Upper bounded scalar"): y = b − exp(x), so
/// |dy/dx| = exp(x) and log|J| = Σ x; the inverse is x = log(b − y). An x so negative that exp(x) underflows (or is
/// absorbed by b) gives y = b on the boundary, and one whose exp(x) overflows gives y = −∞; both give log|J| = −∞
/// (<see cref="Constraint.Result"/>), not an exception.
/// </summary>
internal sealed class UpperBoundConstraint : ElementwiseConstraint
{
    /// <summary>The constraint y &lt; <paramref name="bound"/>.</summary>
    /// <exception cref="ArgumentException">The bound is not finite.</exception>
    public UpperBoundConstraint(double bound)
    {
        if (!double.IsFinite(bound))
            throw new ArgumentException($"Upper: the bound must be finite, not {Number(bound)}.", nameof(bound));
        Bound = bound;
    }

    /// <summary>The upper bound b.</summary>
    public double Bound { get; }

    /// <inheritdoc/>
    public override string Name => "upper=" + Number(Bound);

    /// <summary>y = b − exp(x); log|J| = Σ x.</summary>
    protected override (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Map(Tensor<double> x) => (Bound - x.Exp(), x.Sum());

    /// <summary>x = log(b − y).</summary>
    protected override double InverseElement(double y) => Math.Log(Bound - y);

    /// <summary>y must be strictly less than b.</summary>
    protected override string? Breaks(double y) => y < Bound ? null : $"which is not less than the upper bound {Number(Bound)}";
}
