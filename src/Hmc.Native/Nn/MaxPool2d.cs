using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// 2-D max pooling, <c>torch.nn.MaxPool2d(kernel_size, stride)</c> without padding; no parameters.
/// Computed by <see cref="MaxPool2dOp"/>; see there for the gradient and NaN behaviour.
/// </summary>
public sealed class MaxPool2d<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A k×k window moved by <paramref name="stride"/> (default: the kernel size, as in PyTorch).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is below 1.</exception>
    public MaxPool2d(int kernelSize, int? stride = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride ?? kernelSize, 1, nameof(stride));
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
    }

    /// <summary>The window's side k.</summary>
    public int KernelSize { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The pooled <paramref name="input"/> [N, C, H, W] or [C, H, W].</summary>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters) => input.MaxPool2d(KernelSize, Stride);

    /// <inheritdoc/>
    protected override string Description => $"MaxPool2d(kernel_size={KernelSize}, stride={Stride}, padding=0)";
}
