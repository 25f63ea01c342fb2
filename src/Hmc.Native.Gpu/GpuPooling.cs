using Hmc.Native.Kernels;
using Hmc.Native.Nn;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>Launchers of <see cref="MaxPool2dKernels"/>.</summary>
public sealed class GpuPooling
{
    private readonly GpuAccelerator gpu;

    internal GpuPooling(GpuAccelerator gpu) => this.gpu = gpu;

    /// <summary>Max pooling: writes the maxima to <paramref name="output"/> and their flat input indices to <paramref name="argmax"/>.</summary>
    /// <exception cref="ArgumentException">A length does not match <paramref name="geometry"/>.</exception>
    public void MaxForward(ArrayView<float> input, ArrayView<float> output, ArrayView<int> argmax, Pool2dGeometry geometry)
    {
        GpuArguments.RequireLength(input, geometry.InputLength, "max pool", nameof(input));
        GpuArguments.RequireLength(output, geometry.OutputLength, "max pool", nameof(output));
        GpuArguments.RequireLength(argmax, geometry.OutputLength, "max pool", nameof(argmax));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(MaxPool2dKernels), nameof(MaxPool2dKernels.Forward)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, Pool2dGeometry>(MaxPool2dKernels.Forward));
        kernel(geometry.OutputLength, input, output, argmax, geometry);
    }

    /// <summary>Routes ∂L/∂y to the recorded maxima: ∂L/∂x (overwritten) is zero except at argmax positions.</summary>
    /// <exception cref="ArgumentException">A length does not match <paramref name="geometry"/>.</exception>
    public void MaxBackward(ArrayView<float> outputGradient, ArrayView<int> argmax, ArrayView<float> inputGradient, Pool2dGeometry geometry)
    {
        GpuArguments.RequireLength(outputGradient, geometry.OutputLength, "max pool backward", nameof(outputGradient));
        GpuArguments.RequireLength(argmax, geometry.OutputLength, "max pool backward", nameof(argmax));
        GpuArguments.RequireLength(inputGradient, geometry.InputLength, "max pool backward", nameof(inputGradient));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(MaxPool2dKernels), nameof(MaxPool2dKernels.Backward)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, Pool2dGeometry>(MaxPool2dKernels.Backward));
        kernel(geometry.InputLength, outputGradient, argmax, inputGradient, geometry);
    }
}
