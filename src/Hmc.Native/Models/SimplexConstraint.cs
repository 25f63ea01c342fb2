using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// The K-simplex (Stan Reference Manual, "Unit simplex", centred stick-breaking): from x of K − 1 reals,
/// zₖ = σ(xₖ − log(K − k)) for k = 1..K − 1 is the fraction of the remaining stick rₖ = 1 − Σ_{k′&lt;k} y_{k′}
/// = Π_{k′&lt;k}(1 − z_{k′}) that yₖ = rₖ·zₖ takes, and y_K = r_K is the rest (the offset log(K − k) makes x = 0
/// the centre, y = 1/K). The map to the free coordinates y₁..y_{K−1} is triangular, ∂yₖ/∂xₖ = rₖ·zₖ·(1 − zₖ), so
/// log|J| = Σₖ₌₁^{K−1} [log zₖ + log(1 − zₖ) + log rₖ].
/// </summary>
/// <remarks>
/// Everything is recorded in the log domain: log zₖ = log σ(uₖ) and log(1 − zₖ) = log σ(−uₖ) with uₖ = xₖ − log(K − k),
/// log rₖ their running sums, and y = exp(log r + log z). So y stays positive and y_K comes from the product rather than
/// by subtracting from 1; an xₖ that drives a share below the smallest double gives yₖ = 0, on the boundary, and a
/// log|J| of −∞ (<see cref="Constraint.Result"/>), never an exception. The inverse takes the remaining sticks as sums of the trailing
/// elements, xₖ = log yₖ − log Σ_{k′&gt;k} y_{k′} + log(K − k), which is the exact inverse of y/Σy.
/// </remarks>
internal sealed class SimplexConstraint : Constraint
{
    /// <inheritdoc/>
    public override string Name => "simplex";

    /// <summary>K − 1 for a vector of K ≥ 2 elements.</summary>
    /// <exception cref="ArgumentException">The shape is not a vector of at least 2 elements.</exception>
    public override int UnconstrainedLength(Shape shape)
    {
        if (shape.Rank != 1 || shape[0] < 2)
            throw new ArgumentException($"simplex: takes a vector of K ≥ 2 elements, not shape {shape}.", nameof(shape));
        return shape[0] - 1;
    }

    /// <inheritdoc/>
    public override (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Forward(Tensor<double> unconstrained, Shape shape)
    {
        RequireUnconstrained(unconstrained, shape);
        int k = shape[0], n = k - 1;
        Span<double> offsets = n <= 256 ? stackalloc double[n] : new double[n];
        for (int i = 0; i < n; i++) offsets[i] = Math.Log(k - 1 - i);
        var u = unconstrained - TapeConstants.Like(unconstrained, offsets, Shape.Vector(n));
        var logZ = u.LogSigmoid();
        var logOneMinusZ = (-u).LogSigmoid();
        // log r₁..log r_K: r₁ = 1, and r_K is the last element itself.
        var logRest = PartialSums.Exclusive(logOneMinusZ);
        var logY = logRest + logZ.PadAxis(0, 0, 1);
        var logJacobian = logY[..n].Sum() + logOneMinusZ.Sum();
        return Result(logY.Exp(), logJacobian, shape);
    }

    /// <inheritdoc/>
    public override void Inverse(ReadOnlySpan<double> constrained, Shape shape, Span<double> unconstrained)
    {
        RequireInverseArguments(constrained, shape, unconstrained);
        int k = shape[0];
        double rest = constrained[k - 1];
        for (int i = k - 2; i >= 0; i--)
        {
            unconstrained[i] = Math.Log(constrained[i]) - Math.Log(rest) + Math.Log(k - 1 - i);
            rest += constrained[i];
        }
    }

    /// <inheritdoc/>
    public override string? Violation(ReadOnlySpan<double> constrained, Shape shape)
    {
        RequireValues(constrained, shape);
        double sum = 0;
        for (int i = 0; i < constrained.Length; i++)
        {
            double y = constrained[i];
            if (!(y > 0) || !double.IsFinite(y))
                return $"{ElementAt(shape, i)} is {Number(y)}, which is not positive (every element of a simplex lies in (0, 1)).";
            sum += y;
        }
        return Math.Abs(sum - 1) <= Tolerance ? null : $"the elements sum to {Number(sum)}, not 1 (tolerance {Number(Tolerance)}).";
    }
}
