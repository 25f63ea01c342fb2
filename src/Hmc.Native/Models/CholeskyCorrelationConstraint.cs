using System.Buffers;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// The Cholesky factor L of a K×K correlation matrix (Stan Reference Manual, "Cholesky factors of correlation
/// matrices"): the K(K − 1)/2 reals x, taken row by row below the diagonal, give canonical partial correlations
/// z = tanh(x) ∈ (−1, 1); then L₁₁ = 1 and, for row i &gt; 1, L_ij = z_ij·√w_ij (j &lt; i) and L_ii = √w_ii, with the
/// remaining squared length w_ij = 1 − Σ_{j′&lt;j} L_ij′² = Π_{j′&lt;j}(1 − z_ij′²). Every row has unit length and the
/// diagonal is positive, so L·Lᵀ is a correlation matrix; the upper triangle is 0.
/// </summary>
/// <remarks>
/// The log-Jacobian is that of the map from x to the strictly lower entries (L_ij, j &lt; i, which determine the
/// diagonal): the tanh contributes dz/dx = 1 − z², and within a row L_ij depends on z_ij′ for j′ ≤ j only, with
/// ∂L_ij/∂z_ij = √w_ij, so log|J| = Σ_{i&gt;j} [log(1 − z_ij²) + ½ log w_ij]. The terms log(1 − z²) = 2 log sech x =
/// 2[log 2 − x − softplus(−2x)] are recorded in that stable form and log w as their running sums, so where tanh rounds
/// to ±1 the diagonal keeps its digits (√w = sech x) and the log-Jacobian stays finite (≈ −2|x|); only where sech x
/// underflows does L reach the boundary (a zero diagonal), and then log|J| is −∞ (<see cref="Constraint.Result"/>), not an exception.
/// The inverse takes w_ij as the trailing sums Σ_{j′≥j} L_ij′² of the given row (so it inverts the row normalised to unit
/// length) and x_ij = atanh z_ij = sign(L_ij)·[log(1 + |z_ij|) + ½ log(w_ij / w_i,j+1)], exact also near |z| = 1.
/// </remarks>
internal sealed class CholeskyCorrelationConstraint : Constraint
{
    /// <inheritdoc/>
    public override string Name => "cholesky_factor_corr";

    /// <summary>K(K − 1)/2 for a K×K matrix with K ≥ 2.</summary>
    /// <exception cref="ArgumentException">The shape is not a square matrix of size at least 2.</exception>
    public override int UnconstrainedLength(Shape shape)
    {
        if (shape.Rank != 2 || shape[0] != shape[1] || shape[0] < 2)
            throw new ArgumentException($"cholesky_factor_corr: takes a square K×K matrix with K ≥ 2, not shape {shape}.", nameof(shape));
        return shape[0] * (shape[0] - 1) / 2;
    }

    /// <inheritdoc/>
    public override (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Forward(Tensor<double> unconstrained, Shape shape)
    {
        RequireUnconstrained(unconstrained, shape);
        int k = shape[0];
        var x = unconstrained;
        var z = x.Tanh();
        // log(1 − z²) = 2·log sech x = 2·[log 2 − x − softplus(−2x)].
        var logOneMinusZ2 = (Math.Log(2) - x - (x * -2.0).Softplus()) * 2.0;
        var rows = ArrayPool<Tensor<double>>.Shared.Rent(k);
        var halfTerms = ArrayPool<Tensor<double>>.Shared.Rent(k - 1);
        Span<double> first = k <= 256 ? stackalloc double[k] : new double[k];
        first.Clear();
        first[0] = 1;
        rows[0] = TapeConstants.Like(x, first, Shape.Vector(k));
        var one = TapeConstants.Like(x, [1.0], Shape.Vector(1));
        for (int i = 1; i < k; i++)
        {
            int start = i * (i - 1) / 2;
            var range = start..(start + i);
            // log w_i0 .. log w_ii: the log remaining squared length before each entry of row i.
            var logRemaining = PartialSums.Exclusive(logOneMinusZ2[range]);
            var row = TensorOps.Concat([z[range], one], 0) * (logRemaining * 0.5).Exp();
            rows[i] = row.PadAxis(0, 0, k - 1 - i);
            halfTerms[i - 1] = logRemaining[..i];
        }
        var value = TensorOps.Stack<double>(rows.AsSpan(0, k), 0);
        var logJacobian = logOneMinusZ2.Sum() + TensorOps.Concat<double>(halfTerms.AsSpan(0, k - 1), 0).Sum() * 0.5;
        ArrayPool<Tensor<double>>.Shared.Return(rows, clearArray: true);
        ArrayPool<Tensor<double>>.Shared.Return(halfTerms, clearArray: true);
        return Result(value, logJacobian, shape);
    }

    /// <inheritdoc/>
    public override void Inverse(ReadOnlySpan<double> constrained, Shape shape, Span<double> unconstrained)
    {
        RequireInverseArguments(constrained, shape, unconstrained);
        int k = shape[0];
        for (int i = 1; i < k; i++)
        {
            var row = constrained.Slice(i * k, k);
            int start = i * (i - 1) / 2;
            double rest = row[i] * row[i];
            for (int j = i - 1; j >= 0; j--)
            {
                double after = rest;
                rest += row[j] * row[j];
                double z = Math.Abs(row[j]) / Math.Sqrt(rest);
                unconstrained[start + j] = Math.CopySign(double.LogP1(z) + 0.5 * (Math.Log(rest) - Math.Log(after)), row[j]);
            }
        }
    }

    /// <inheritdoc/>
    public override string? Violation(ReadOnlySpan<double> constrained, Shape shape)
    {
        RequireValues(constrained, shape);
        int k = shape[0];
        for (int i = 0; i < k; i++)
        {
            double squaredLength = 0;
            for (int j = 0; j < k; j++)
            {
                double v = constrained[i * k + j];
                string at = ElementAt(shape, i * k + j);
                if (!double.IsFinite(v)) return $"{at} is {Number(v)}, which is not a finite number.";
                if (j > i && v != 0) return $"{at} is {Number(v)}, but a Cholesky factor is 0 above the diagonal.";
                if (j == i && !(v > 0)) return $"{at} is {Number(v)}, but the diagonal of a Cholesky factor is positive.";
                squaredLength += v * v;
            }
            if (Math.Abs(squaredLength - 1) > Tolerance)
                return $"row {i} has squared length {Number(squaredLength)}, not 1 (tolerance {Number(Tolerance)}), so L·Lᵀ is not a correlation matrix.";
        }
        return null;
    }
}
