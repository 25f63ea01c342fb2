using Hmc.Native.Kernels;
using ILGPU;

namespace Hmc.Native.Gpu;

/// <summary>
/// <c>Linear</c> on the device for an input X [R, in] (every axis but the last taken as rows): Y = X·Wᵀ + b by the
/// tiled matmul with W read transposed in place and a broadcast add of b. Backward, from G = ∂L/∂Y [R, out]:
/// ∂L/∂W = Gᵀ·X [out, in], ∂L/∂b = Σ_r G[r, ·] (a column reduction) and ∂L/∂X = G·W [R, in].
/// </summary>
internal sealed class GpuLinearLayer : GpuLayer
{
    private readonly int rows;
    private readonly int inFeatures;
    private readonly int outFeatures;
    private readonly int weightOffset;
    private readonly int biasOffset;

    private GpuLinearLayer(GpuAccelerator gpu, int[] inputShape, int[] outputShape, int inFeatures, int outFeatures, int weightOffset, int biasOffset)
        : base(gpu, inputShape, outputShape)
    {
        rows = LengthOf(inputShape) / inFeatures;
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weightOffset = weightOffset;
        this.biasOffset = biasOffset;
    }

    /// <summary>The layer for <paramref name="linear"/> on inputs of <paramref name="inputShape"/> [..., in].</summary>
    /// <param name="gpu">The accelerator.</param>
    /// <param name="linear">The module.</param>
    /// <param name="inputShape">The batch shape of its input.</param>
    /// <param name="weightOffset">The offset of the weight [out, in] in the flat vector.</param>
    /// <param name="biasOffset">The offset of the bias [out], or −1 for none.</param>
    /// <exception cref="ArgumentException">The input's last axis is not the module's in-features.</exception>
    public static GpuLinearLayer Create(GpuAccelerator gpu, Nn.Linear<float> linear, int[] inputShape, int weightOffset, int biasOffset)
    {
        if (inputShape.Length < 1 || inputShape[^1] != linear.InFeatures)
        {
            throw new ArgumentException(
                $"{linear} needs an input [..., {linear.InFeatures}]; it receives [{string.Join(", ", inputShape)}].", nameof(inputShape));
        }

        int[] outputShape = [.. inputShape[..^1], linear.OutFeatures];
        return new GpuLinearLayer(gpu, inputShape, outputShape, linear.InFeatures, linear.OutFeatures, weightOffset, biasOffset);
    }

    /// <inheritdoc/>
    public override void Forward(ArrayView<float> parameters, ArrayView<float> input)
    {
        // Y [R, out] = X [R, in] · Wᵀ, with W stored [out, in].
        Gpu.Matmul.Multiply(input, Weight(parameters), Output.View, GemmLayout.RowMajor(rows, outFeatures, inFeatures, transposeB: true));
        if (biasOffset >= 0)
        {
            Gpu.Elementwise.BinaryBroadcast<AddOperation>(Output.View, [rows, outFeatures], Bias(parameters), [outFeatures], Output.View);
        }
    }

    /// <inheritdoc/>
    public override void Backward(
        ArrayView<float> parameters, ArrayView<float> input, ArrayView<float> outputGradient,
        ArrayView<float> inputGradient, ArrayView<float> parameterGradient)
    {
        // ∂L/∂W [out, in] = Gᵀ · X, with G stored [R, out].
        Gpu.Matmul.Multiply(outputGradient, input, Weight(parameterGradient), GemmLayout.RowMajor(outFeatures, inFeatures, rows, transposeA: true));
        if (biasOffset >= 0) Gpu.Reductions.ReduceColumns<SumReduction>(outputGradient, Bias(parameterGradient), rows, outFeatures);

        // ∂L/∂X [R, in] = G · W.
        if (inputGradient.Length > 0)
        {
            Gpu.Matmul.Multiply(outputGradient, Weight(parameters), inputGradient, GemmLayout.RowMajor(rows, inFeatures, outFeatures));
        }
    }

    private ArrayView<float> Weight(ArrayView<float> flat) => flat.SubView(weightOffset, outFeatures * inFeatures);

    private ArrayView<float> Bias(ArrayView<float> flat) => flat.SubView(biasOffset, outFeatures);
}
