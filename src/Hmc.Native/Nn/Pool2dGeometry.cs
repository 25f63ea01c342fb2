using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// Shapes of a square 2-D pooling on dense row-major NCHW arrays: input (N, C, H, W), output (N, C, OH, OW) with
/// OH = ⌊(H + 2P − K)/S⌋ + 1 and OW = ⌊(W + 2P − K)/S⌋ + 1 for window K, stride S and padding P ≤ K/2 (as in
/// PyTorch, so that every window holds at least one input element). A plain struct of integers, shared by the CPU
/// pooling operations (<see cref="MaxPool2dOp"/>, <see cref="AvgPool2dOp"/>; no padding, floor mode) and the ILGPU
/// kernels, which receive it as a kernel argument.
/// </summary>
public readonly struct Pool2dGeometry
{
    /// <summary>Creates the geometry; the stride defaults to the window size (non-overlapping windows).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive size, a negative batch, padding outside [0, K/2], or a window larger than the padded input.</exception>
    public Pool2dGeometry(int batch, int channels, int height, int width, int kernelSize, int stride = 0, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
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

    /// <summary>N·C, the number of H×W planes.</summary>
    public int Planes => Batch * Channels;

    /// <summary>N·C·H·W.</summary>
    public int InputLength => Planes * Height * Width;

    /// <summary>N·C·OH·OW.</summary>
    public int OutputLength => Planes * OutHeight * OutWidth;

    /// <summary>The padded input columns that a row of windows covers, (OW − 1)·S + K.</summary>
    public int CoveredWidth => ((OutWidth - 1) * Stride) + KernelSize;

    /// <summary>The work of one plane when every output row reads its K full input rows: OH·K·W.</summary>
    public long RowWorkPerPlane => (long)OutHeight * KernelSize * Width;

    /// <summary>
    /// The windows as the im2col geometry of a one-channel convolution over the <see cref="Planes"/> images, so the
    /// recorded backward rules of the pooling operations can fold with <see cref="Fold2dOp"/>.
    /// </summary>
    internal System.Runtime.CompilerServices.StrongBox<Conv2dGeometry> AsConvolution() =>
        new(new Conv2dGeometry(Planes, 1, Height, Width, 1, KernelSize, KernelSize, Stride, Padding));

    /// <summary>
    /// The geometry of an unpadded pooling of <paramref name="input"/> [N, C, H, W] or [C, H, W] (taken as N = 1),
    /// already checked by <see cref="OutputShape"/>.
    /// </summary>
    public static Pool2dGeometry ForInput(Shape input, int kernelSize, int stride) =>
        new(input.Rank == 4 ? input[0] : 1, input[-3], input[-2], input[-1], kernelSize, stride);

    /// <summary>
    /// Checks the arguments of an unpadded pooling and returns [..., ⌊(H − k)/s⌋ + 1, ⌊(W − k)/s⌋ + 1] for an input
    /// [N, C, H, W] or [C, H, W].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is below 1.</exception>
    /// <exception cref="ArgumentException">The input has another rank or is smaller than the window.</exception>
    public static Shape OutputShape(Shape input, int kernelSize, int stride, string operation)
    {
        if (kernelSize < 1)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"{operation}: the kernel size must be at least 1; it is {kernelSize}.");
        if (stride < 1)
            throw new ArgumentOutOfRangeException(nameof(stride), $"{operation}: the stride must be at least 1; it is {stride}.");
        if (input.Rank is not (3 or 4))
            throw new ArgumentException($"{operation}: the input must be [N, C, H, W] or [C, H, W]; it has shape {input}.", nameof(input));
        int h = input[-2], w = input[-1];
        if (h < kernelSize || w < kernelSize)
            throw new ArgumentException($"{operation}: the {h}×{w} image of input {input} is smaller than the {kernelSize}×{kernelSize} window.", nameof(input));
        return input.WithDimension(input.Rank - 2, (h - kernelSize) / stride + 1).WithDimension(input.Rank - 1, (w - kernelSize) / stride + 1);
    }
}
