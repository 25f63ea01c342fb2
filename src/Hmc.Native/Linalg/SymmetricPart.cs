using System.Numerics;

namespace Hmc.Native.Linalg;

/// <summary>
/// The symmetric part sym(A) = (A + Aᵀ)/2 of a square matrix. The symmetric-matrix operations (Cholesky, the SPD
/// log-determinant, the symmetric eigendecomposition) are defined on sym(A), so their gradients are symmetric and
/// exact for any perturbation of A, symmetric or not.
/// </summary>
internal static class SymmetricPart
{
    /// <summary>Writes the lower triangle of the symmetric part (A + Aᵀ)/2 of <paramref name="a"/> into <paramref name="destination"/> and zeros above the diagonal.</summary>
    public static void WriteLower<T>(ReadOnlySpan<T> a, int n, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) destination[i * n + j] = half * (a[i * n + j] + a[j * n + i]);
            destination[i * n + i] = a[i * n + i];
            destination.Slice(i * n + i + 1, n - i - 1).Clear();
        }
    }

    /// <summary>Writes the full symmetric part (A + Aᵀ)/2 of <paramref name="a"/> into <paramref name="destination"/>.</summary>
    public static void Write<T>(ReadOnlySpan<T> a, int n, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                destination[i * n + j] = half * (a[i * n + j] + a[j * n + i]);
    }

    /// <summary>target += (Q + Qᵀ)/2 for an n×n matrix Q.</summary>
    public static void Accumulate<T>(ReadOnlySpan<T> q, int n, Span<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                target[i * n + j] += half * (q[i * n + j] + q[j * n + i]);
    }
}
