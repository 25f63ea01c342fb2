using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// A constraint that acts on each element alone, for values of any shape (scalars included): one unconstrained
/// real per element, a diagonal Jacobian, so log|J| is a sum over the elements.
/// </summary>
internal abstract class ElementwiseConstraint : Constraint
{
    /// <summary>One unconstrained real per element: <c>shape.Length</c>.</summary>
    public sealed override int UnconstrainedLength(Shape shape) => shape.Length;

    /// <inheritdoc/>
    public sealed override (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Forward(Tensor<double> unconstrained, Shape shape)
    {
        RequireUnconstrained(unconstrained, shape);
        var (value, logJacobian) = Map(unconstrained.Reshape(shape));
        return Result(value, logJacobian, shape);
    }

    /// <inheritdoc/>
    public sealed override void Inverse(ReadOnlySpan<double> constrained, Shape shape, Span<double> unconstrained)
    {
        RequireInverseArguments(constrained, shape, unconstrained);
        for (int i = 0; i < constrained.Length; i++) unconstrained[i] = InverseElement(constrained[i]);
    }

    /// <inheritdoc/>
    public sealed override string? Violation(ReadOnlySpan<double> constrained, Shape shape)
    {
        RequireValues(constrained, shape);
        for (int i = 0; i < constrained.Length; i++)
        {
            double y = constrained[i];
            string? rule = double.IsFinite(y) ? Breaks(y) : "which is not a finite number";
            if (rule is not null) return $"{ElementAt(shape, i)} is {Number(y)}, {rule}.";
        }
        return null;
    }

    /// <summary>y = f(x) elementwise for x already of the constrained shape, and the scalar log|det J| = Σ log|f′(xᵢ)|, on x's tape.</summary>
    protected abstract (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Map(Tensor<double> x);

    /// <summary>f⁻¹(y) of one element inside the support.</summary>
    protected abstract double InverseElement(double y);

    /// <summary>Null when the finite <paramref name="y"/> lies inside the open support, else the clause that says why not ("which is not greater than …").</summary>
    protected abstract string? Breaks(double y);
}
