namespace Hmc.Native.Kernels;

/// <summary>
/// Index arithmetic of a NumPy-broadcast binary operation on dense row-major arrays of rank at most 4: the output
/// has shape (D0, D1, D2, D3) (shorter shapes are padded with leading 1s) and output element (i0, i1, i2, i3)
/// reads a[Σ iₖ·Aₖ] and b[Σ iₖ·Bₖ], where the stride of an axis is 0 if that operand is broadcast along it.
/// Built on the host by <see cref="Create"/>; a plain struct of integers, so it can be passed to a kernel.
/// </summary>
public readonly struct BroadcastLayout
{
    /// <summary>The largest rank supported.</summary>
    public const int MaxRank = 4;

    private BroadcastLayout(int rank, int d0, int d1, int d2, int d3, int a0, int a1, int a2, int a3, int b0, int b1, int b2, int b3)
    {
        Rank = rank;
        D0 = d0;
        D1 = d1;
        D2 = d2;
        D3 = d3;
        A0 = a0;
        A1 = a1;
        A2 = a2;
        A3 = a3;
        B0 = b0;
        B1 = b1;
        B2 = b2;
        B3 = b3;
    }

    /// <summary>Rank of the output (the larger of the two operand ranks).</summary>
    public int Rank { get; }

    /// <summary>Output extent of padded axis 0.</summary>
    public int D0 { get; }

    /// <summary>Output extent of padded axis 1.</summary>
    public int D1 { get; }

    /// <summary>Output extent of padded axis 2.</summary>
    public int D2 { get; }

    /// <summary>Output extent of padded axis 3 (the innermost).</summary>
    public int D3 { get; }

    /// <summary>Stride of a along padded axis 0 (0 if broadcast).</summary>
    public int A0 { get; }

    /// <summary>Stride of a along padded axis 1 (0 if broadcast).</summary>
    public int A1 { get; }

    /// <summary>Stride of a along padded axis 2 (0 if broadcast).</summary>
    public int A2 { get; }

    /// <summary>Stride of a along padded axis 3 (0 if broadcast).</summary>
    public int A3 { get; }

    /// <summary>Stride of b along padded axis 0 (0 if broadcast).</summary>
    public int B0 { get; }

    /// <summary>Stride of b along padded axis 1 (0 if broadcast).</summary>
    public int B1 { get; }

    /// <summary>Stride of b along padded axis 2 (0 if broadcast).</summary>
    public int B2 { get; }

    /// <summary>Stride of b along padded axis 3 (0 if broadcast).</summary>
    public int B3 { get; }

    /// <summary>Number of output elements D0·D1·D2·D3.</summary>
    public int OutputLength => D0 * D1 * D2 * D3;

    /// <summary>The output shape (of length <see cref="Rank"/>).</summary>
    public int[] OutputShape()
    {
        int[] padded = [D0, D1, D2, D3];
        return padded[(MaxRank - Rank)..];
    }

    /// <summary>Offset into a of the output element with row-major linear index <paramref name="linear"/>.</summary>
    public int OffsetA(int linear)
    {
        int i3 = linear % D3;
        linear /= D3;
        int i2 = linear % D2;
        linear /= D2;
        int i1 = linear % D1;
        return (linear / D1 * A0) + (i1 * A1) + (i2 * A2) + (i3 * A3);
    }

    /// <summary>Offset into b of the output element with row-major linear index <paramref name="linear"/>.</summary>
    public int OffsetB(int linear)
    {
        int i3 = linear % D3;
        linear /= D3;
        int i2 = linear % D2;
        linear /= D2;
        int i1 = linear % D1;
        return (linear / D1 * B0) + (i1 * B1) + (i2 * B2) + (i3 * B3);
    }

    /// <summary>
    /// The layout for broadcasting shapes <paramref name="aShape"/> and <paramref name="bShape"/> (NumPy rules:
    /// align at the right; along each axis the extents are equal or one of them is 1).
    /// </summary>
    /// <exception cref="ArgumentException">A rank above <see cref="MaxRank"/>, a non-positive extent, or extents that do not broadcast.</exception>
    public static BroadcastLayout Create(ReadOnlySpan<int> aShape, ReadOnlySpan<int> bShape)
    {
        int rank = Math.Max(aShape.Length, bShape.Length);
        if (rank > MaxRank)
        {
            throw new ArgumentException(
                $"Broadcasting supports rank at most {MaxRank}; got shapes {Format(aShape)} and {Format(bShape)}.");
        }

        Span<int> dims = stackalloc int[MaxRank];
        Span<int> aStrides = stackalloc int[MaxRank];
        Span<int> bStrides = stackalloc int[MaxRank];
        int aStride = 1;
        int bStride = 1;
        for (int axis = MaxRank - 1; axis >= 0; axis--)
        {
            int aExtent = Extent(aShape, axis);
            int bExtent = Extent(bShape, axis);
            if (aExtent <= 0 || bExtent <= 0)
            {
                throw new ArgumentException(
                    $"Broadcasting needs positive extents; got shapes {Format(aShape)} and {Format(bShape)}.");
            }

            if (aExtent != bExtent && aExtent != 1 && bExtent != 1)
            {
                throw new ArgumentException(
                    $"Shapes {Format(aShape)} and {Format(bShape)} do not broadcast: extents {aExtent} and {bExtent} differ and neither is 1.");
            }

            dims[axis] = Math.Max(aExtent, bExtent);
            aStrides[axis] = aExtent == 1 ? 0 : aStride;
            bStrides[axis] = bExtent == 1 ? 0 : bStride;
            aStride *= aExtent;
            bStride *= bExtent;
        }

        return new BroadcastLayout(
            rank, dims[0], dims[1], dims[2], dims[3],
            aStrides[0], aStrides[1], aStrides[2], aStrides[3],
            bStrides[0], bStrides[1], bStrides[2], bStrides[3]);
    }

    private static int Extent(ReadOnlySpan<int> shape, int paddedAxis)
    {
        int axis = paddedAxis - (MaxRank - shape.Length);
        return axis < 0 ? 1 : shape[axis];
    }

    private static string Format(ReadOnlySpan<int> shape) => "(" + string.Join(", ", shape.ToArray()) + ")";
}
