namespace Hmc.Native.Kernels;

/// <summary>
/// Sizes and strides of C = α·A·B + β·C with A of logical shape M × K, B of K × N and C dense row-major M × N.
/// Element A(i, k) is read at i·<see cref="ARowStride"/> + k·<see cref="AColumnStride"/>, so a transposed
/// operand is the same buffer with its strides swapped (no copy). A plain struct of integers, passed to kernels.
/// </summary>
public readonly struct GemmLayout
{
    /// <summary>Creates a layout from explicit sizes and strides; all must be positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or stride is not positive.</exception>
    public GemmLayout(int m, int n, int k, int aRowStride, int aColumnStride, int bRowStride, int bColumnStride)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(aRowStride);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(aColumnStride);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bRowStride);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bColumnStride);
        M = m;
        N = n;
        K = k;
        ARowStride = aRowStride;
        AColumnStride = aColumnStride;
        BRowStride = bRowStride;
        BColumnStride = bColumnStride;
    }

    /// <summary>Rows of A and C.</summary>
    public int M { get; }

    /// <summary>Columns of B and C.</summary>
    public int N { get; }

    /// <summary>Columns of A, rows of B (the contracted extent).</summary>
    public int K { get; }

    /// <summary>Distance between A(i, k) and A(i + 1, k).</summary>
    public int ARowStride { get; }

    /// <summary>Distance between A(i, k) and A(i, k + 1).</summary>
    public int AColumnStride { get; }

    /// <summary>Distance between B(k, j) and B(k + 1, j).</summary>
    public int BRowStride { get; }

    /// <summary>Distance between B(k, j) and B(k, j + 1).</summary>
    public int BColumnStride { get; }

    /// <summary>Number of elements A occupies: the largest offset plus one.</summary>
    public int ALength => ((M - 1) * ARowStride) + ((K - 1) * AColumnStride) + 1;

    /// <summary>Number of elements B occupies: the largest offset plus one.</summary>
    public int BLength => ((K - 1) * BRowStride) + ((N - 1) * BColumnStride) + 1;

    /// <summary>
    /// The layout of op(A)·op(B) for dense row-major buffers, where op transposes when asked: A is stored as
    /// M × K (or K × M if <paramref name="transposeA"/>) and B as K × N (or N × K if <paramref name="transposeB"/>).
    /// </summary>
    public static GemmLayout RowMajor(int m, int n, int k, bool transposeA = false, bool transposeB = false) =>
        new(
            m, n, k,
            transposeA ? 1 : k, transposeA ? m : 1,
            transposeB ? 1 : n, transposeB ? k : 1);

    /// <summary>Offset of A(<paramref name="i"/>, <paramref name="k"/>).</summary>
    public int AOffset(int i, int k) => (i * ARowStride) + (k * AColumnStride);

    /// <summary>Offset of B(<paramref name="k"/>, <paramref name="j"/>).</summary>
    public int BOffset(int k, int j) => (k * BRowStride) + (j * BColumnStride);
}
