using Hmc.Native.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Backends;

/// <summary>Launchers of <see cref="Conv2dKernels"/> (direct NCHW convolution and its gradients).</summary>
public sealed class GpuConvolution
{
    private readonly GpuAccelerator gpu;

    internal GpuConvolution(GpuAccelerator gpu) => this.gpu = gpu;

    /// <summary>
    /// y = conv(x, w) + b; pass <c>default</c> (an empty view) as <paramref name="bias"/> for none. The kernel then
    /// receives an empty sub-view of <paramref name="output"/>, so every backend gets a valid device pointer.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match <paramref name="geometry"/>.</exception>
    public void Forward(ArrayView<float> input, ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> output, Conv2dGeometry geometry)
    {
        GpuArguments.RequireLength(input, geometry.InputLength, "conv2d", nameof(input));
        GpuArguments.RequireLength(weight, geometry.WeightLength, "conv2d", nameof(weight));
        if (bias.Length != 0) GpuArguments.RequireLength(bias, geometry.OutChannels, "conv2d", nameof(bias));
        GpuArguments.RequireLength(output, geometry.OutputLength, "conv2d", nameof(output));
        var biasOrNone = bias.Length == 0 ? output.SubView(0, 0) : bias;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(Conv2dKernels), nameof(Conv2dKernels.Forward)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Conv2dKernels.Forward));
        kernel(geometry.OutputLength, input, weight, biasOrNone, output, geometry);
    }

    /// <summary>∂L/∂x from ∂L/∂y and w (overwrites <paramref name="inputGradient"/>).</summary>
    /// <exception cref="ArgumentException">A length does not match <paramref name="geometry"/>.</exception>
    public void BackwardInput(ArrayView<float> outputGradient, ArrayView<float> weight, ArrayView<float> inputGradient, Conv2dGeometry geometry)
    {
        GpuArguments.RequireLength(outputGradient, geometry.OutputLength, "conv2d backward input", nameof(outputGradient));
        GpuArguments.RequireLength(weight, geometry.WeightLength, "conv2d backward input", nameof(weight));
        GpuArguments.RequireLength(inputGradient, geometry.InputLength, "conv2d backward input", nameof(inputGradient));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(Conv2dKernels), nameof(Conv2dKernels.BackwardInput)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Conv2dKernels.BackwardInput));
        kernel(geometry.InputLength, outputGradient, weight, inputGradient, geometry);
    }

    /// <summary>∂L/∂w from ∂L/∂y and x (overwrites <paramref name="weightGradient"/>), one group per weight.</summary>
    /// <exception cref="ArgumentException">A length does not match <paramref name="geometry"/>.</exception>
    public void BackwardWeight(ArrayView<float> outputGradient, ArrayView<float> input, ArrayView<float> weightGradient, Conv2dGeometry geometry)
    {
        GpuArguments.RequireLength(outputGradient, geometry.OutputLength, "conv2d backward weight", nameof(outputGradient));
        GpuArguments.RequireLength(input, geometry.InputLength, "conv2d backward weight", nameof(input));
        GpuArguments.RequireLength(weightGradient, geometry.WeightLength, "conv2d backward weight", nameof(weightGradient));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(Conv2dKernels), nameof(Conv2dKernels.BackwardWeight)),
            static a => a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Conv2dKernels.BackwardWeight));
        kernel(gpu.GroupLaunch(geometry.WeightLength), outputGradient, input, weightGradient, geometry);
    }

    /// <summary>∂L/∂b[f] = Σ ∂L/∂y[·, f, ·, ·] (overwrites <paramref name="biasGradient"/>), one group per channel.</summary>
    /// <exception cref="ArgumentException">A length does not match <paramref name="geometry"/>.</exception>
    public void BackwardBias(ArrayView<float> outputGradient, ArrayView<float> biasGradient, Conv2dGeometry geometry)
    {
        GpuArguments.RequireLength(outputGradient, geometry.OutputLength, "conv2d backward bias", nameof(outputGradient));
        GpuArguments.RequireLength(biasGradient, geometry.OutChannels, "conv2d backward bias", nameof(biasGradient));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(Conv2dKernels), nameof(Conv2dKernels.BackwardBias)),
            static a => a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Conv2dKernels.BackwardBias));
        kernel(gpu.GroupLaunch(geometry.OutChannels), outputGradient, biasGradient, geometry);
    }
}
