using System.Numerics;

namespace Hmc.Native.Linalg;

/// <summary>
/// Eigenvalues and eigenvectors of a real symmetric matrix: Householder reduction to tridiagonal form followed by
/// the implicit QL algorithm with Wilkinson-type shifts (EISPACK <c>tred2</c>, Martin, Reinsch and Wilkinson, and
/// <c>tql2</c>, Bowdler, Martin, Reinsch and Wilkinson, Numer. Math. 11 (1968); the JAMA public-domain formulation). About 9n³ operations.
/// </summary>
/// <remarks>
/// The eigenvalues come out in ascending order with orthonormal eigenvectors as the columns of V. Each
/// eigenvector's sign is fixed so that its entry of largest magnitude is positive (the first such entry on ties),
/// which makes the output a deterministic function of the input. A non-finite input, or a QL iteration that fails
/// to converge within 60 sweeps per eigenvalue, gives NaN eigenvalues and eigenvectors. The two phases index V, d
/// and e through pointers pinned once per call, after a check of the lengths: their index arithmetic defeats the
/// JIT's bounds-check elimination.
/// </remarks>
internal static class SymmetricEigenKernel
{
    private const int MaxIterations = 60;

    /// <summary>
    /// Decomposes the symmetric n×n matrix held in <paramref name="v"/> (row-major; only its lower triangle is
    /// read): on exit <paramref name="v"/> holds the eigenvectors as columns and <paramref name="d"/> the
    /// eigenvalues in ascending order. <paramref name="e"/> is scratch of length n.
    /// </summary>
    public static unsafe void Decompose<T>(Span<T> v, int n, Span<T> d, Span<T> e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return;
        if (v.Length < n * n || d.Length < n || e.Length < n)
            throw new ArgumentException($"An order-{n} decomposition needs {n * n} matrix entries and {n} of each vector; got {v.Length}, {d.Length} and {e.Length}.");
        foreach (var x in v[..(n * n)])
        {
            if (!T.IsFinite(x))
            {
                FillNaN(v, n, d);
                return;
            }
        }
        bool converged;
        fixed (T* pv = v, pd = d, pe = e)
        {
            Tridiagonalize(pv, n, pd, pe);
            converged = DiagonalizeTridiagonal(pv, n, pd, pe);
        }
        if (!converged)
        {
            FillNaN(v, n, d);
            return;
        }
        SortAscending(v, n, d);
        FixSigns(v, n);
    }

    private static void FillNaN<T>(Span<T> v, int n, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        v[..(n * n)].Fill(T.NaN);
        d[..n].Fill(T.NaN);
    }

    /// <summary>tred2: Householder reduction of V to tridiagonal form (diagonal d, sub-diagonal e[1..]), accumulating the orthogonal transformation in V.</summary>
    private static unsafe void Tridiagonalize<T>(T* v, int n, T* d, T* e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];
        for (int i = n - 1; i > 0; i--)
        {
            // Scale the row to avoid under- and overflow.
            T scale = T.Zero, h = T.Zero;
            for (int k = 0; k < i; k++) scale += T.Abs(d[k]);
            if (scale == T.Zero)
            {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++)
                {
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = T.Zero;
                    v[j * n + i] = T.Zero;
                }
            }
            else
            {
                // The Householder vector.
                for (int k = 0; k < i; k++)
                {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                T f = d[i - 1];
                T g = T.Sqrt(h);
                if (f > T.Zero) g = -g;
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) e[j] = T.Zero;

                // Apply the similarity transformation to the remaining columns.
                for (int j = 0; j < i; j++)
                {
                    f = d[j];
                    v[j * n + i] = f;
                    g = e[j] + v[j * n + j] * f;
                    for (int k = j + 1; k <= i - 1; k++)
                    {
                        g += v[k * n + j] * d[k];
                        e[k] += v[k * n + j] * f;
                    }
                    e[j] = g;
                }
                f = T.Zero;
                for (int j = 0; j < i; j++)
                {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                T hh = f / (h + h);
                for (int j = 0; j < i; j++) e[j] -= hh * d[j];
                for (int j = 0; j < i; j++)
                {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) v[k * n + j] -= f * e[k] + g * d[k];
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = T.Zero;
                }
            }
            d[i] = h;
        }

        // Accumulate the transformations.
        for (int i = 0; i < n - 1; i++)
        {
            v[(n - 1) * n + i] = v[i * n + i];
            v[i * n + i] = T.One;
            T h = d[i + 1];
            if (h != T.Zero)
            {
                for (int k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
                for (int j = 0; j <= i; j++)
                {
                    T g = T.Zero;
                    for (int k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
                    for (int k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
                }
            }
            for (int k = 0; k <= i; k++) v[k * n + i + 1] = T.Zero;
        }
        for (int j = 0; j < n; j++)
        {
            d[j] = v[(n - 1) * n + j];
            v[(n - 1) * n + j] = T.Zero;
        }
        v[(n - 1) * n + n - 1] = T.One;
        e[0] = T.Zero;
    }

    /// <summary>tql2: the implicit QL iteration on the tridiagonal matrix, accumulating the rotations into V. False when it fails to converge.</summary>
    private static unsafe bool DiagonalizeTridiagonal<T>(T* v, int n, T* d, T* e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Transpose(v, n);
        bool converged = DiagonalizeTridiagonalTransposed(v, n, d, e);
        Transpose(v, n);
        return converged;
    }

    /// <summary>Transposes the n×n matrix <paramref name="v"/> in place.</summary>
    private static unsafe void Transpose<T>(T* v, int n) where T : unmanaged
    {
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) (v[i * n + j], v[j * n + i]) = (v[j * n + i], v[i * n + j]);
    }

    /// <summary>tql2 on Vᵀ, so that each rotation combines two contiguous rows.</summary>
    private static unsafe bool DiagonalizeTridiagonalTransposed<T>(T* v, int n, T* d, T* e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = T.Zero;
        T f = T.Zero, tst1 = T.Zero;
        T eps = T.CreateTruncating(typeof(T) == typeof(float) ? 1.1920928955078125e-7 : 2.220446049250313e-16);
        T two = T.CreateTruncating(2);
        for (int l = 0; l < n; l++)
        {
            // Find a negligible sub-diagonal element.
            tst1 = T.Max(tst1, T.Abs(d[l]) + T.Abs(e[l]));
            int m = l;
            while (m < n - 1 && T.Abs(e[m]) > eps * tst1) m++;

            // If m == l, d[l] is an eigenvalue; otherwise iterate.
            if (m > l)
            {
                int iterations = 0;
                do
                {
                    if (++iterations > MaxIterations) return false;

                    // The implicit shift.
                    T g = d[l];
                    T p = (d[l + 1] - g) / (two * e[l]);
                    T r = Hypot(p, T.One);
                    if (p < T.Zero) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    T dl1 = d[l + 1];
                    T h = g - d[l];
                    for (int i = l + 2; i < n; i++) d[i] -= h;
                    f += h;

                    // The implicit QL transformation.
                    p = d[m];
                    T c = T.One, c2 = c, c3 = c;
                    T el1 = e[l + 1];
                    T s = T.Zero, s2 = T.Zero;
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        T inverse = T.One / r;
                        s = e[i] * inverse;
                        c = p * inverse;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);

                        // Accumulate the rotation into columns i and i+1 of V, rows i and i+1 of Vᵀ.
                        T* rowI = v + i * n;
                        T* rowNext = rowI + n;
                        for (int k = 0; k < n; k++)
                        {
                            T vk1 = rowNext[k];
                            rowNext[k] = s * rowI[k] + c * vk1;
                            rowI[k] = c * rowI[k] - s * vk1;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (T.Abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = T.Zero;
        }
        return true;
    }

    /// <summary>
    /// √(a² + b²): the plain formula where it neither overflows nor underflows, <c>T.Hypot</c>'s careful (and several
    /// times slower) evaluation otherwise.
    /// </summary>
    private static T Hypot<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T r = T.Sqrt(a * a + b * b);
        return T.IsNormal(r) ? r : T.Hypot(a, b);
    }

    /// <summary>Selection sort of the eigenvalues into ascending order, moving the eigenvector columns with them.</summary>
    private static void SortAscending<T>(Span<T> v, int n, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n - 1; i++)
        {
            int k = i;
            T p = d[i];
            for (int j = i + 1; j < n; j++)
            {
                if (d[j] < p)
                {
                    k = j;
                    p = d[j];
                }
            }
            if (k == i) continue;
            d[k] = d[i];
            d[i] = p;
            for (int j = 0; j < n; j++) (v[j * n + i], v[j * n + k]) = (v[j * n + k], v[j * n + i]);
        }
    }

    /// <summary>Negates each eigenvector whose entry of largest magnitude is negative.</summary>
    private static void FixSigns<T>(Span<T> v, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int col = 0; col < n; col++)
        {
            int best = 0;
            for (int row = 1; row < n; row++)
                if (T.Abs(v[row * n + col]) > T.Abs(v[best * n + col])) best = row;
            if (v[best * n + col] >= T.Zero) continue;
            for (int row = 0; row < n; row++) v[row * n + col] = -v[row * n + col];
        }
    }
}
