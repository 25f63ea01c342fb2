using System.Numerics;

namespace Hmc.Native.Linalg;

/// <summary>
/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix into a lower-triangular L with a
/// positive diagonal, on plain spans (for samplers that factor a metric at every step). The differentiable
/// tensor operation is <see cref="CholeskyOp.Cholesky{T}(Tensors.Tensor{T})"/>.
/// </summary>
/// <remarks>
/// Row by row (Cholesky–Banachiewicz): l_ij = (a_ij − Σ_{k&lt;j} l_ik l_jk) / l_jj for j &lt; i and
/// l_ii = √(a_ii − Σ_{k&lt;i} l_ik²). Only the lower triangle of A is read. About n³/3 multiply-adds.
/// A pivot a_ii − Σ l_ik² that is zero, negative or NaN stops the factorisation.
/// </remarks>
public static class Cholesky
{
    /// <summary>
    /// Factors the n×n row-major matrix <paramref name="a"/> (only its lower triangle is read) into the lower
    /// triangle of <paramref name="l"/>, writing zeros above the diagonal. <paramref name="l"/> may be the same
    /// memory as <paramref name="a"/>.
    /// </summary>
    /// <returns>True on success; false when A is not positive definite or holds NaN (l is then partly written).</returns>
    /// <exception cref="ArgumentException">A span is shorter than n².</exception>
    public static bool TryFactor(ReadOnlySpan<double> a, int n, Span<double> l) => TryFactor(a, n, l, out _, out _);

    /// <summary>The generic factorisation; on failure reports the row and the value of the pivot that was not positive.</summary>
    internal static bool TryFactor<T>(ReadOnlySpan<T> a, int n, Span<T> l, out int failedPivot, out T pivotValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (a.Length < n * n || l.Length < n * n)
            throw new ArgumentException($"Cholesky of an {n}×{n} matrix needs spans of {n * n} elements; got {a.Length} and {l.Length}.");
        for (int i = 0; i < n; i++)
        {
            // Copy row i's lower part first: when l and a share memory the upper part is cleared only after.
            a.Slice(i * n, i + 1).CopyTo(l.Slice(i * n, i + 1));
            l.Slice(i * n + i + 1, n - i - 1).Clear();
        }
        return FactorInPlace(l, n, out failedPivot, out pivotValue);
    }

    /// <summary>Factors in place an n×n matrix whose lower triangle holds A and whose upper triangle is zero.</summary>
    internal static bool FactorInPlace<T>(Span<T> l, int n, out int failedPivot, out T pivotValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            var li = l.Slice(i * n, i + 1);
            for (int j = 0; j < i; j++)
                li[j] = (li[j] - RowDot.Dot<T>(li[..j], l.Slice(j * n, j))) / l[j * n + j];
            T s = li[i] - RowDot.Dot<T>(li[..i], li[..i]);
            if (!(s > T.Zero))
            {
                failedPivot = i;
                pivotValue = s;
                return false;
            }
            li[i] = T.Sqrt(s);
        }
        failedPivot = -1;
        pivotValue = T.Zero;
        return true;
    }
}
