using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// Shapes of a 2-D convolution (cross-correlation, as in PyTorch's <c>conv2d</c>, dilation 1, one group) on dense
/// row-major NCHW arrays: input x of shape (N, C, H, W), weight w of shape (F, C, KH, KW), bias of shape (F), output
/// y of shape (N, F, OH, OW) with OH = ⌊(H + 2P − KH)/S⌋ + 1 and OW = ⌊(W + 2P − KW)/S⌋ + 1 for stride S and zero
/// padding P. A plain struct of integers, shared by the CPU layers (<see cref="Conv2dOp"/>, the im2col lowering) and
/// the ILGPU kernels, which receive it as a kernel argument.
/// </summary>
public readonly struct Conv2dGeometry
{
    /// <summary>Creates the geometry and checks that every size is positive (the batch may be empty) and the output is not empty.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive size, a negative batch or padding, or a kernel larger than the padded input.</exception>
    public Conv2dGeometry(int batch, int inChannels, int height, int width, int outChannels, int kernelHeight, int kernelWidth, int stride = 1, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
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

    /// <summary>C·KH·KW, the length of one receptive field and of one filter.</summary>
    public int FieldLength => InChannels * KernelHeight * KernelWidth;

    /// <summary>C·H·W, the length of one input image.</summary>
    public int ImageLength => InChannels * Height * Width;

    /// <summary>OH·OW, the output positions of one image.</summary>
    public int OutputPositions => OutHeight * OutWidth;

    /// <summary>N·C·H·W.</summary>
    public int InputLength => Batch * ImageLength;

    /// <summary>F·C·KH·KW.</summary>
    public int WeightLength => OutChannels * FieldLength;

    /// <summary>N·F·OH·OW.</summary>
    public int OutputLength => Batch * OutChannels * OutputPositions;

    /// <summary>Multiply-adds of one forward pass, N·F·OH·OW·C·KH·KW.</summary>
    public long MultiplyAdds => (long)OutputLength * FieldLength;

    /// <summary>The weight shape [F, C, KH, KW].</summary>
    public Shape WeightShape => new(OutChannels, InChannels, KernelHeight, KernelWidth);

    /// <summary>The output shape [N, F, OH, OW].</summary>
    public Shape OutputShape => new(Batch, OutChannels, OutHeight, OutWidth);

    /// <summary>
    /// The geometry of a square-kernel layer (<see cref="Conv2d{T}"/>, <see cref="Conv2dOp"/>) applied to
    /// <paramref name="input"/>, after checking that it is [N, C, H, W] with C = <paramref name="inChannels"/> and
    /// room for one kernel.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A channel count or the kernel size or stride is below 1, or the padding is negative.</exception>
    /// <exception cref="ShapeMismatchException">The input does not fit, with its shape and the weight shape in the message.</exception>
    public static Conv2dGeometry ForInput(Shape input, int inChannels, int outChannels, int kernelSize, int stride, int padding)
    {
        CheckLayer(inChannels, outChannels, kernelSize, stride, padding);
        var weightShape = new Shape(outChannels, inChannels, kernelSize, kernelSize);
        if (input.Rank != 4 || input[1] != inChannels)
        {
            throw new ShapeMismatchException("conv2d", input, weightShape, $"the input must be [N, C, H, W] with C = {inChannels} input channels");
        }

        if (input[2] + (2 * padding) < kernelSize || input[3] + (2 * padding) < kernelSize)
        {
            throw new ShapeMismatchException("conv2d", input, weightShape,
                $"the padded image ({input[2] + (2 * padding)}×{input[3] + (2 * padding)}) is smaller than the {kernelSize}×{kernelSize} kernel");
        }

        return new Conv2dGeometry(input[0], inChannels, input[2], input[3], outChannels, kernelSize, kernelSize, stride, padding);
    }

    /// <summary>Checks the sizes of a square-kernel convolution layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A channel count or the kernel size or stride is below 1, or the padding is negative.</exception>
    public static void CheckLayer(int inChannels, int outChannels, int kernelSize, int stride, int padding)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
    }

    /// <summary>Whether <paramref name="input"/> is [N, C, H, W] with this geometry's N, C, H and W.</summary>
    public bool Fits(Shape input) =>
        input.Rank == 4 && input[0] == Batch && input[1] == InChannels && input[2] == Height && input[3] == Width;

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
