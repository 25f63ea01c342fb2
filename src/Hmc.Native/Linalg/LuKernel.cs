using System.Numerics;

namespace Hmc.Native.Linalg;

/// <summary>
/// LU decomposition with partial pivoting, PA = LU (LAPACK <c>getrf</c>, right-looking), and the solves built on
/// it. The factors of an n×n matrix occupy n² + n elements: the n×n block holds U on and above the diagonal and
/// the multipliers of the unit lower factor L below it; the last n elements hold the pivot rows (row j was
/// exchanged with row pivot[j] at step j), stored as numbers.
/// </summary>
/// <remarks>
/// A column without a non-zero pivot is left as it is, as LAPACK does: U then has a zero on its diagonal, the
/// log-determinant is −∞ and solves give infinities or NaN. NaN in the input propagates.
/// </remarks>
internal static class LuKernel
{
    /// <summary>The number of elements the factors of an n×n matrix take.</summary>
    public static int FactorLength(int n) => n * n + n;

    /// <summary>Factors the n×n matrix <paramref name="a"/> into <paramref name="factors"/> (length <see cref="FactorLength"/>).</summary>
    public static void Factor<T>(ReadOnlySpan<T> a, int n, Span<T> factors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = factors[..(n * n)];
        var pivots = factors.Slice(n * n, n);
        a[..(n * n)].CopyTo(lu);
        for (int j = 0; j < n; j++)
        {
            // Partial pivoting: the largest |entry| on or below the diagonal of column j.
            int p = j;
            T best = T.Abs(lu[j * n + j]);
            for (int i = j + 1; i < n; i++)
            {
                T v = T.Abs(lu[i * n + j]);
                if (v > best)
                {
                    best = v;
                    p = i;
                }
            }
            pivots[j] = T.CreateTruncating(p);
            if (p != j) SwapRows(lu, n, j, p);
            T pivot = lu[j * n + j];
            if (pivot == T.Zero) continue;
            var rowJ = lu.Slice(j * n + j + 1, n - j - 1);
            for (int i = j + 1; i < n; i++)
            {
                // Multiplier l_ij = a_ij / u_jj, then row_i −= l_ij · row_j (the Schur complement update).
                T l = lu[i * n + j] / pivot;
                lu[i * n + j] = l;
                if (l != T.Zero) TensorPrimitives.MultiplyAdd(rowJ, -l, lu.Slice(i * n + j + 1, n - j - 1), lu.Slice(i * n + j + 1, n - j - 1));
            }
        }
    }

    /// <summary>Overwrites <paramref name="x"/> (n×r, holding B) with A⁻¹B: X = U⁻¹ L⁻¹ P B.</summary>
    public static void Solve<T>(ReadOnlySpan<T> factors, int n, Span<T> x, int r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = factors[..(n * n)];
        var pivots = factors.Slice(n * n, n);
        for (int j = 0; j < n; j++) SwapRows(x, r, j, int.CreateTruncating(pivots[j]));
        TriangularKernel.SolveInPlace(lu, n, n, 1, lower: true, unitDiagonal: true, x, r);
        TriangularKernel.SolveInPlace(lu, n, n, 1, lower: false, unitDiagonal: false, x, r);
    }

    /// <summary>Overwrites <paramref name="x"/> (n×r, holding B) with A⁻ᵀB: Aᵀ = UᵀLᵀP, so X = Pᵀ L⁻ᵀ U⁻ᵀ B.</summary>
    public static void SolveTransposed<T>(ReadOnlySpan<T> factors, int n, Span<T> x, int r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = factors[..(n * n)];
        var pivots = factors.Slice(n * n, n);
        TriangularKernel.SolveInPlace(lu, n, 1, n, lower: true, unitDiagonal: false, x, r);
        TriangularKernel.SolveInPlace(lu, n, 1, n, lower: false, unitDiagonal: true, x, r);
        for (int j = n - 1; j >= 0; j--) SwapRows(x, r, j, int.CreateTruncating(pivots[j]));
    }

    /// <summary>Writes A⁻¹ (or A⁻ᵀ when <paramref name="transposed"/>) into <paramref name="inverse"/> (n×n) by solving against the identity.</summary>
    public static void Invert<T>(ReadOnlySpan<T> factors, int n, Span<T> inverse, bool transposed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = inverse[..(n * n)];
        x.Clear();
        for (int i = 0; i < n; i++) x[i * n + i] = T.One;
        if (transposed) SolveTransposed(factors, n, x, n);
        else Solve(factors, n, x, n);
    }

    /// <summary>log |det A| = Σᵢ log |u_ii| (−∞ for a singular matrix).</summary>
    public static T LogAbsDeterminant<T>(ReadOnlySpan<T> factors, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < n; i++) sum += T.Log(T.Abs(factors[i * n + i]));
        return sum;
    }

    private static void SwapRows<T>(Span<T> x, int width, int i, int j)
    {
        if (i == j) return;
        var a = x.Slice(i * width, width);
        var b = x.Slice(j * width, width);
        for (int c = 0; c < width; c++) (a[c], b[c]) = (b[c], a[c]);
    }
}
