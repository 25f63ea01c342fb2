using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>The output size of 2-D pooling over the last two axes, without padding and with dilation 1 (PyTorch's floor mode).</summary>
internal static class Pool2dGeometry
{
    /// <summary>
    /// Checks the arguments and returns [..., ⌊(H − k)/s⌋ + 1, ⌊(W − k)/s⌋ + 1] for an input [N, C, H, W] or [C, H, W].
    /// </summary>
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
