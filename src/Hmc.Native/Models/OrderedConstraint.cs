using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// Strictly increasing vectors (Stan Reference Manual, "Ordered vector"): y₁ = x₁ and yₖ = yₖ₋₁ + exp(xₖ), a
/// triangular map with ∂yₖ/∂xₖ = exp(xₖ) (k ≥ 2), so log|J| = Σₖ₌₂ xₖ; the inverse is x₁ = y₁, xₖ = log(yₖ − yₖ₋₁).
/// An xₖ whose exp underflows gives a tie yₖ = yₖ₋₁ and a log|J| of −∞ (<see cref="Constraint.Result"/>), not an exception.
/// </summary>
internal sealed class OrderedConstraint : Constraint
{
    /// <inheritdoc/>
    public override string Name => "ordered";

    /// <summary>K for a vector of K ≥ 1 elements.</summary>
    /// <exception cref="ArgumentException">The shape is not a non-empty vector.</exception>
    public override int UnconstrainedLength(Shape shape)
    {
        if (shape.Rank != 1 || shape[0] < 1)
            throw new ArgumentException($"ordered: takes a vector of K ≥ 1 elements, not shape {shape}.", nameof(shape));
        return shape[0];
    }

    /// <inheritdoc/>
    public override (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Forward(Tensor<double> unconstrained, Shape shape)
    {
        RequireUnconstrained(unconstrained, shape);
        if (shape[0] == 1) return Result(unconstrained, unconstrained.ScalarLike(0), shape);
        var increments = unconstrained[1..];
        // y = cumulative sum of (x₁, exp(x₂), …, exp(x_K)).
        var value = PartialSums.Inclusive(TensorOps.Concat([unconstrained[..1], increments.Exp()], 0));
        return Result(value, increments.Sum(), shape);
    }

    /// <inheritdoc/>
    public override void Inverse(ReadOnlySpan<double> constrained, Shape shape, Span<double> unconstrained)
    {
        RequireInverseArguments(constrained, shape, unconstrained);
        unconstrained[0] = constrained[0];
        for (int i = 1; i < constrained.Length; i++) unconstrained[i] = Math.Log(constrained[i] - constrained[i - 1]);
    }

    /// <inheritdoc/>
    public override string? Violation(ReadOnlySpan<double> constrained, Shape shape)
    {
        RequireValues(constrained, shape);
        for (int i = 0; i < constrained.Length; i++)
        {
            double y = constrained[i];
            if (!double.IsFinite(y)) return $"{ElementAt(shape, i)} is {Number(y)}, which is not a finite number.";
            if (i > 0 && !(y > constrained[i - 1]))
                return $"{ElementAt(shape, i)} is {Number(y)}, which is not greater than the element before it ({Number(constrained[i - 1])}).";
        }
        return null;
    }
}
