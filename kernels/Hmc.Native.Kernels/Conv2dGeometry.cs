namespace Hmc.Native.Kernels;

/// <summary>
/// Shapes of a 2-D convolution (cross-correlation, as in PyTorch's <c>conv2d</c>) on dense row-major NCHW
/// arrays: input x of shape (N, C, H, W), weight w of shape (F, C, KH, KW), bias of shape (F), output y of shape
/// (N, F, OH, OW) with OH = ⌊(H + 2P − KH)/S⌋ + 1 and OW = ⌊(W + 2P − KW)/S⌋ + 1 for stride S and zero padding P.
/// A plain struct of integers, passed to kernels.
/// </summary>
public readonly struct Conv2dGeometry
{
    /// <summary>Creates the geometry and checks that every size is positive and the output is not empty.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive size, a negative padding, or a kernel larger than the padded input.</exception>
    public Conv2dGeometry(int batch, int inChannels, int height, int width, int outChannels, int kernelHeight, int kernelWidth, int stride = 1, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (kernelHeight > height + (2 * padding) || kernelWidth > width + (2 * padding))
        {
            throw new ArgumentOutOfRangeException(
                nameof(kernelHeight),
                $"Kernel {kernelHeight}x{kernelWidth} is larger than the padded input {height + (2 * padding)}x{width + (2 * padding)}.");
        }

        Batch = batch;
        InChannels = inChannels;
        Height = height;
        Width = width;
        OutChannels = outChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Stride = stride;
        Padding = padding;
        OutHeight = ((height + (2 * padding) - kernelHeight) / stride) + 1;
        OutWidth = ((width + (2 * padding) - kernelWidth) / stride) + 1;
    }

    /// <summary>N, the number of images.</summary>
    public int Batch { get; }

    /// <summary>C, input channels.</summary>
    public int InChannels { get; }

    /// <summary>H, input height.</summary>
    public int Height { get; }

    /// <summary>W, input width.</summary>
    public int Width { get; }

    /// <summary>F, output channels (filters).</summary>
    public int OutChannels { get; }

    /// <summary>KH, kernel height.</summary>
    public int KernelHeight { get; }

    /// <summary>KW, kernel width.</summary>
    public int KernelWidth { get; }

    /// <summary>S, the stride in both directions.</summary>
    public int Stride { get; }

    /// <summary>P, the zero padding on every side.</summary>
    public int Padding { get; }

    /// <summary>OH, output height.</summary>
    public int OutHeight { get; }

    /// <summary>OW, output width.</summary>
    public int OutWidth { get; }

    /// <summary>N·C·H·W.</summary>
    public int InputLength => Batch * InChannels * Height * Width;

    /// <summary>F·C·KH·KW.</summary>
    public int WeightLength => OutChannels * InChannels * KernelHeight * KernelWidth;

    /// <summary>N·F·OH·OW.</summary>
    public int OutputLength => Batch * OutChannels * OutHeight * OutWidth;

    /// <summary>Multiply-adds of one forward pass, N·F·OH·OW·C·KH·KW.</summary>
    public long MultiplyAdds => (long)OutputLength * InChannels * KernelHeight * KernelWidth;

    /// <summary>
    /// The output row i whose window lays kernel row <paramref name="u"/> on input row <paramref name="h"/>, that is
    /// i·S = h + P − u with 0 ≤ i &lt; OH; false when there is none (the gather form of the input gradient).
    /// </summary>
    public bool TryOutputRow(int h, int u, out int i) => TryOutputIndex(h + Padding - u, OutHeight, out i);

    /// <summary>The output column j with j·S = w + P − v and 0 ≤ j &lt; OW; false when there is none.</summary>
    public bool TryOutputColumn(int w, int v, out int j) => TryOutputIndex(w + Padding - v, OutWidth, out j);

    private bool TryOutputIndex(int shifted, int size, out int index)
    {
        index = shifted / Stride;
        return shifted >= 0 && shifted % Stride == 0 && index < size;
    }
}
