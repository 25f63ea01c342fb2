namespace Hmc.Native.Metrics;

/// <summary>The dense row-major n×n M⁻¹ that <see cref="IEuclideanMetric.CopyInverseMass"/> writes: its length check and the diagonal case.</summary>
internal static class InverseMassMatrix
{
    /// <summary>Throws unless <paramref name="matrix"/> holds n² entries for a metric of dimension <paramref name="n"/>.</summary>
    /// <exception cref="ArgumentException">The destination has another length.</exception>
    public static void RequireSquare(int n, Span<double> matrix)
    {
        if (matrix.Length != n * n)
            throw new ArgumentException($"M⁻¹ of dimension {n} has {n * n} entries; the destination holds {matrix.Length}.", nameof(matrix));
    }

    /// <summary>Writes diag(<paramref name="diagonal"/>) into <paramref name="matrix"/>.</summary>
    /// <exception cref="ArgumentException">The destination does not hold n² entries.</exception>
    public static void WriteDiagonal(ReadOnlySpan<double> diagonal, Span<double> matrix)
    {
        int n = diagonal.Length;
        RequireSquare(n, matrix);
        matrix.Clear();
        for (int i = 0; i < n; i++) matrix[i * n + i] = diagonal[i];
    }
}
