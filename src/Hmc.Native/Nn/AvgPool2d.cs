using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// 2-D average pooling, <c>torch.nn.AvgPool2d(kernel_size, stride)</c> without padding; no parameters.
/// Computed by <see cref="AvgPool2dOp"/>; see there for the gradient.
/// </summary>
public sealed class AvgPool2d<T> : Pool2d<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A k×k window moved by <paramref name="stride"/> (default: the kernel size, as in PyTorch).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is below 1.</exception>
    public AvgPool2d(int kernelSize, int? stride = null)
        : base("AvgPool2d", kernelSize, stride)
    {
    }

    /// <summary>The pooled <paramref name="input"/> [N, C, H, W] or [C, H, W].</summary>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters) => input.AvgPool2d(KernelSize, Stride);
}
