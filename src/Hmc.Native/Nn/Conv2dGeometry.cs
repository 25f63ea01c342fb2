using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// The fixed shape parameters of a 2-D convolution with a square kernel (dilation 1, one group), kept as the
/// payload of a recorded convolution node. A <see cref="Conv2d{T}"/> layer makes one in its constructor, so
/// recording the layer allocates nothing.
/// </summary>
internal sealed class Conv2dGeometry
{
    public Conv2dGeometry(int inChannels, int outChannels, int kernelSize, int stride, int padding)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int KernelSize { get; }
    public int Stride { get; }
    public int Padding { get; }

    /// <summary>C·k·k, the length of one receptive field and of one filter.</summary>
    public int FieldLength => InChannels * KernelSize * KernelSize;

    /// <summary>outC·C·k·k, the number of weights.</summary>
    public int WeightLength => OutChannels * FieldLength;

    /// <summary>⌊(size + 2·padding − k)/stride⌋ + 1, PyTorch's output size for dilation 1.</summary>
    public int OutputSize(int size) => (size + 2 * Padding - KernelSize) / Stride + 1;

    /// <summary>The weight shape [outC, C, k, k].</summary>
    public Shape WeightShape => new(OutChannels, InChannels, KernelSize, KernelSize);

    /// <summary>Checks that <paramref name="input"/> is [N, C, H, W] with this C and room for one kernel; returns the output shape.</summary>
    public Shape OutputShape(Shape input)
    {
        if (input.Rank != 4 || input[1] != InChannels)
            throw new ShapeMismatchException("conv2d", input, WeightShape,
                $"the input must be [N, C, H, W] with C = {InChannels} input channels");
        if (input[2] + 2 * Padding < KernelSize || input[3] + 2 * Padding < KernelSize)
            throw new ShapeMismatchException("conv2d", input, WeightShape,
                $"the padded image ({input[2] + 2 * Padding}×{input[3] + 2 * Padding}) is smaller than the {KernelSize}×{KernelSize} kernel");
        return new Shape(input[0], OutChannels, OutputSize(input[2]), OutputSize(input[3]));
    }
}
