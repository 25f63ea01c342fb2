using Hmc.Native.Kernels;
using Hmc.Native.Nn;
using ILGPU;

namespace Hmc.Native.Gpu;

/// <summary>
/// <c>MaxPool2d</c> on the device: <see cref="MaxPool2dKernels.Forward"/> records the flat index of each window's
/// maximum, and the backward pass routes ∂L/∂y there by <see cref="MaxPool2dKernels.Backward"/>.
/// </summary>
internal sealed class GpuMaxPool2dLayer : GpuLayer
{
    private readonly Pool2dGeometry geometry;
    private readonly GpuBuffer<int> argmax;

    private GpuMaxPool2dLayer(GpuAccelerator gpu, int[] inputShape, Pool2dGeometry geometry)
        : base(gpu, inputShape, [geometry.Batch, geometry.Channels, geometry.OutHeight, geometry.OutWidth])
    {
        this.geometry = geometry;
        argmax = gpu.Allocate<int>(geometry.OutputLength);
    }

    /// <summary>The layer for <paramref name="pool"/> on inputs of <paramref name="inputShape"/> [N, C, H, W].</summary>
    /// <exception cref="ArgumentException">The input is not [N, C, H, W], or its image is smaller than the window.</exception>
    public static GpuMaxPool2dLayer Create(GpuAccelerator gpu, Nn.MaxPool2d<float> pool, int[] inputShape)
    {
        if (inputShape.Length != 4)
        {
            throw new ArgumentException($"{pool} on the device needs an input [N, C, H, W]; it receives [{string.Join(", ", inputShape)}].", nameof(inputShape));
        }

        if (inputShape[2] < pool.KernelSize || inputShape[3] < pool.KernelSize)
        {
            throw new ArgumentException(
                $"{pool}: the {inputShape[2]}x{inputShape[3]} image is smaller than the {pool.KernelSize}x{pool.KernelSize} window.", nameof(inputShape));
        }

        var geometry = new Pool2dGeometry(inputShape[0], inputShape[1], inputShape[2], inputShape[3], pool.KernelSize, pool.Stride);
        return new GpuMaxPool2dLayer(gpu, inputShape, geometry);
    }

    /// <inheritdoc/>
    public override void Forward(ArrayView<float> parameters, ArrayView<float> input) =>
        Gpu.Pooling.MaxForward(input, Output.View, argmax.View, geometry);

    /// <inheritdoc/>
    public override void Backward(
        ArrayView<float> parameters, ArrayView<float> input, ArrayView<float> outputGradient,
        ArrayView<float> inputGradient, ArrayView<float> parameterGradient)
    {
        if (inputGradient.Length > 0) Gpu.Pooling.MaxBackward(outputGradient, argmax.View, inputGradient, geometry);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        argmax.Dispose();
        base.Dispose();
    }
}
