using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// The window layout of 2-D pooling over the last two axes, without padding and with dilation 1 (PyTorch's floor
/// mode): <see cref="Planes"/> images of <see cref="Height"/>×<see cref="Width"/>, k×k windows moved by s.
/// </summary>
internal readonly struct Pool2dGeometry
{
    /// <summary>The layout of an input [N, C, H, W] or [C, H, W] already checked by <see cref="OutputShape"/>.</summary>
    public Pool2dGeometry(Shape input, int kernelSize, int stride)
    {
        Height = input[-2];
        Width = input[-1];
        Planes = input.Length / (Height * Width);
        KernelSize = kernelSize;
        Stride = stride;
    }

    /// <summary>The number of H×W images (N·C, or C).</summary>
    public int Planes { get; }

    /// <summary>The input height H.</summary>
    public int Height { get; }

    /// <summary>The input width W.</summary>
    public int Width { get; }

    /// <summary>The window's side k.</summary>
    public int KernelSize { get; }

    /// <summary>The step s between windows.</summary>
    public int Stride { get; }

    /// <summary>The output height ⌊(H − k)/s⌋ + 1.</summary>
    public int OutputHeight => (Height - KernelSize) / Stride + 1;

    /// <summary>The output width ⌊(W − k)/s⌋ + 1.</summary>
    public int OutputWidth => (Width - KernelSize) / Stride + 1;

    /// <summary>The input columns that a row of windows covers, (output width − 1)·s + k.</summary>
    public int CoveredWidth => (OutputWidth - 1) * Stride + KernelSize;

    /// <summary>The work of one plane when every output row reads its k full input rows: output height · k · W.</summary>
    public long RowWorkPerPlane => (long)OutputHeight * KernelSize * Width;

    /// <summary>
    /// Checks the arguments and returns [..., ⌊(H − k)/s⌋ + 1, ⌊(W − k)/s⌋ + 1] for an input [N, C, H, W] or [C, H, W].
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
