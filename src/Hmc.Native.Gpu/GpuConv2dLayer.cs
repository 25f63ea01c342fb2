using Hmc.Native.Kernels;
using Hmc.Native.Nn;
using ILGPU;

namespace Hmc.Native.Gpu;

/// <summary>
/// <c>Conv2d</c> on the device: y = conv(x, w) + b by <see cref="Conv2dKernels.Forward"/>; the backward pass writes
/// ∂L/∂w by <see cref="Conv2dKernels.BackwardWeight"/>, ∂L/∂b by <see cref="Conv2dKernels.BackwardBias"/> and
/// ∂L/∂x by <see cref="Conv2dKernels.BackwardInput"/>, all deterministic gathers.
/// </summary>
internal sealed class GpuConv2dLayer : GpuLayer
{
    private readonly Conv2dGeometry geometry;
    private readonly int weightOffset;
    private readonly int biasOffset;

    private GpuConv2dLayer(GpuAccelerator gpu, int[] inputShape, Conv2dGeometry geometry, int weightOffset, int biasOffset)
        : base(gpu, inputShape, [geometry.Batch, geometry.OutChannels, geometry.OutHeight, geometry.OutWidth])
    {
        this.geometry = geometry;
        this.weightOffset = weightOffset;
        this.biasOffset = biasOffset;
    }

    /// <summary>The layer for <paramref name="conv"/> on inputs of <paramref name="inputShape"/> [N, C, H, W].</summary>
    /// <param name="gpu">The accelerator.</param>
    /// <param name="conv">The module.</param>
    /// <param name="inputShape">The batch shape of its input.</param>
    /// <param name="weightOffset">The offset of the weight [F, C, k, k] in the flat vector.</param>
    /// <param name="biasOffset">The offset of the bias [F], or −1 for none.</param>
    /// <exception cref="ArgumentException">The input is not [N, C, H, W] with the module's C, or is smaller than the kernel.</exception>
    public static GpuConv2dLayer Create(GpuAccelerator gpu, Nn.Conv2d<float> conv, int[] inputShape, int weightOffset, int biasOffset)
    {
        if (inputShape.Length != 4 || inputShape[1] != conv.InChannels)
        {
            throw new ArgumentException(
                $"{conv} needs an input [N, {conv.InChannels}, H, W]; it receives [{string.Join(", ", inputShape)}].", nameof(inputShape));
        }

        int k = conv.KernelSize;
        if (inputShape[2] + (2 * conv.Padding) < k || inputShape[3] + (2 * conv.Padding) < k)
        {
            throw new ArgumentException(
                $"{conv}: the padded {inputShape[2]}x{inputShape[3]} image is smaller than the {k}x{k} kernel.", nameof(inputShape));
        }

        var geometry = new Conv2dGeometry(
            inputShape[0], conv.InChannels, inputShape[2], inputShape[3], conv.OutChannels, k, k, conv.Stride, conv.Padding);
        return new GpuConv2dLayer(gpu, inputShape, geometry, weightOffset, biasOffset);
    }

    /// <inheritdoc/>
    public override void Forward(ArrayView<float> parameters, ArrayView<float> input) =>
        Gpu.Convolution.Forward(input, Weight(parameters), Bias(parameters), Output.View, geometry);

    /// <inheritdoc/>
    public override void Backward(
        ArrayView<float> parameters, ArrayView<float> input, ArrayView<float> outputGradient,
        ArrayView<float> inputGradient, ArrayView<float> parameterGradient)
    {
        Gpu.Convolution.BackwardWeight(outputGradient, input, Weight(parameterGradient), geometry);
        if (biasOffset >= 0) Gpu.Convolution.BackwardBias(outputGradient, Bias(parameterGradient), geometry);
        if (inputGradient.Length > 0) Gpu.Convolution.BackwardInput(outputGradient, Weight(parameters), inputGradient, geometry);
    }

    private ArrayView<float> Weight(ArrayView<float> flat) => flat.SubView(weightOffset, geometry.WeightLength);

    private ArrayView<float> Bias(ArrayView<float> flat) => biasOffset >= 0 ? flat.SubView(biasOffset, geometry.OutChannels) : default;
}
