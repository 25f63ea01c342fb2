using System.Numerics;

namespace Hmc.Native.Nn;

/// <summary>
/// The common shell of the 2-D pooling modules <see cref="MaxPool2d{T}"/> and <see cref="AvgPool2d{T}"/>: a k×k
/// window moved by a stride, without padding; no parameters.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class Pool2d<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string _name;

    /// <summary>Checks and records the window of the module called <paramref name="name"/> (PyTorch's class name).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is below 1.</exception>
    private protected Pool2d(string name, int kernelSize, int? stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride ?? kernelSize, 1, nameof(stride));
        _name = name;
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
    }

    /// <summary>The window's side k.</summary>
    public int KernelSize { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <inheritdoc/>
    protected sealed override string Description => $"{_name}(kernel_size={KernelSize}, stride={Stride}, padding=0)";
}
