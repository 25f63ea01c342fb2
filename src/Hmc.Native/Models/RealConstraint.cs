using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>The unconstrained reals (Stan's <c>real</c>): y = x, log|J| = 0; any finite value is inside.</summary>
internal sealed class RealConstraint : ElementwiseConstraint
{
    /// <inheritdoc/>
    public override string Name => "real";

    /// <summary>(x, 0): the identity and a log-Jacobian of 0 recorded as a constant.</summary>
    protected override (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Map(Tensor<double> x) => (x, x.ScalarLike(0));

    /// <summary>x = y.</summary>
    protected override double InverseElement(double y) => y;

    /// <summary>Every finite value is a real.</summary>
    protected override string? Breaks(double y) => null;
}
