using System.Numerics;

namespace Hmc.Native.Linalg;

/// <summary>
/// Forward and back substitution in place: solves M·X = B for a triangular n×n matrix M read through strides
/// (M(i, j) = m[i·rowStride + j·columnStride], so a transposed matrix is read without a copy) and an n×r
/// right-hand side X stored row-major. A zero on the diagonal gives infinities or NaN (no exception).
/// </summary>
internal static class TriangularKernel
{
    /// <summary>Overwrites <paramref name="x"/> (n×r, holding B) with M⁻¹B.</summary>
    /// <param name="m">The storage of the matrix.</param>
    /// <param name="n">The order of M.</param>
    /// <param name="rowStride">Distance between M(i, j) and M(i+1, j).</param>
    /// <param name="columnStride">Distance between M(i, j) and M(i, j+1).</param>
    /// <param name="lower">True when M is lower triangular (forward substitution), false for upper (back substitution).</param>
    /// <param name="unitDiagonal">True to take the diagonal as ones (the L factor of an LU decomposition).</param>
    /// <param name="x">The right-hand side on entry, the solution on exit.</param>
    /// <param name="r">The number of right-hand-side columns.</param>
    public static void SolveInPlace<T>(ReadOnlySpan<T> m, int n, int rowStride, int columnStride, bool lower, bool unitDiagonal, Span<T> x, int r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (r == 1)
        {
            SolveVector(m, n, rowStride, columnStride, lower, unitDiagonal, x);
            return;
        }
        for (int step = 0; step < n; step++)
        {
            int i = lower ? step : n - 1 - step;
            var xi = x.Slice(i * r, r);
            int j0 = lower ? 0 : i + 1, j1 = lower ? i : n;
            // Row i of X: x_i = (b_i − Σ_{j solved} M(i, j)·x_j) / M(i, i).
            for (int j = j0; j < j1; j++)
                Axpy(-m[i * rowStride + j * columnStride], x.Slice(j * r, r), xi);
            if (!unitDiagonal) Scale(xi, T.One / m[i * rowStride + i * columnStride]);
        }
    }

    private static void SolveVector<T>(ReadOnlySpan<T> m, int n, int rowStride, int columnStride, bool lower, bool unitDiagonal, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (columnStride == 1)
        {
            // Rows of M are contiguous: x_i = (b_i − M(i, solved)·x_solved) / M(i, i).
            for (int step = 0; step < n; step++)
            {
                int i = lower ? step : n - 1 - step;
                int j0 = lower ? 0 : i + 1, j1 = lower ? i : n;
                T s = x[i] - RowDot.Dot<T>(m.Slice(i * rowStride + j0, j1 - j0), x.Slice(j0, j1 - j0));
                x[i] = unitDiagonal ? s : s / m[i * rowStride + i];
            }
            return;
        }
        // Columns of M are contiguous: once x_j is known, subtract x_j·M(unsolved, j) from the unsolved part.
        for (int step = 0; step < n; step++)
        {
            int j = lower ? step : n - 1 - step;
            if (!unitDiagonal) x[j] /= m[j * rowStride + j * columnStride];
            T xj = x[j];
            int i0 = lower ? j + 1 : 0, i1 = lower ? n : j;
            for (int i = i0; i < i1; i++) x[i] -= xj * m[i * rowStride + j * columnStride];
        }
    }

    /// <summary>y += alpha·x.</summary>
    private static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length >= 16)
        {
            TensorPrimitives.MultiplyAdd(x, alpha, y, y);
            return;
        }
        for (int i = 0; i < x.Length; i++) y[i] += alpha * x[i];
    }

    private static void Scale<T>(Span<T> x, T factor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) x[i] *= factor;
    }
}
