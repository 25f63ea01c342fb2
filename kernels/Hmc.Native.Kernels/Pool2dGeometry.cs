namespace Hmc.Native.Kernels;

/// <summary>
/// Shapes of a square 2-D pooling on dense row-major NCHW arrays: input (N, C, H, W), output (N, C, OH, OW) with
/// OH = ⌊(H + 2P − K)/S⌋ + 1 and OW = ⌊(W + 2P − K)/S⌋ + 1 for window K, stride S and padding P ≤ K/2 (as in
/// PyTorch, so that every window holds at least one input element). A plain struct of integers, passed to kernels.
/// </summary>
public readonly struct Pool2dGeometry
{
    /// <summary>Creates the geometry; the stride defaults to the window size (non-overlapping windows).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive size, padding outside [0, K/2], or a window larger than the padded input.</exception>
    public Pool2dGeometry(int batch, int channels, int height, int width, int kernelSize, int stride = 0, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegative(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (padding > kernelSize / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), $"Padding {padding} exceeds half the window size {kernelSize}.");
        }

        if (kernelSize > height + (2 * padding) || kernelSize > width + (2 * padding))
        {
            throw new ArgumentOutOfRangeException(
                nameof(kernelSize),
                $"Window {kernelSize} is larger than the padded input {height + (2 * padding)}x{width + (2 * padding)}.");
        }

        Batch = batch;
        Channels = channels;
        Height = height;
        Width = width;
        KernelSize = kernelSize;
        Stride = stride == 0 ? kernelSize : stride;
        Padding = padding;
        OutHeight = ((height + (2 * padding) - kernelSize) / Stride) + 1;
        OutWidth = ((width + (2 * padding) - kernelSize) / Stride) + 1;
    }

    /// <summary>N, the number of images.</summary>
    public int Batch { get; }

    /// <summary>C, channels.</summary>
    public int Channels { get; }

    /// <summary>H, input height.</summary>
    public int Height { get; }

    /// <summary>W, input width.</summary>
    public int Width { get; }

    /// <summary>K, the window size.</summary>
    public int KernelSize { get; }

    /// <summary>S, the stride.</summary>
    public int Stride { get; }

    /// <summary>P, the padding (padded positions never win the maximum).</summary>
    public int Padding { get; }

    /// <summary>OH, output height.</summary>
    public int OutHeight { get; }

    /// <summary>OW, output width.</summary>
    public int OutWidth { get; }

    /// <summary>N·C·H·W.</summary>
    public int InputLength => Batch * Channels * Height * Width;

    /// <summary>N·C·OH·OW.</summary>
    public int OutputLength => Batch * Channels * OutHeight * OutWidth;
}
