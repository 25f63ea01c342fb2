using Hmc.Native.Kernels;
using ILGPU;

namespace Hmc.Native.Gpu;

/// <summary>
/// An elementwise activation y = f(x) on the device, with no parameters: the forward pass is the unary kernel of
/// <typeparamref name="TForward"/>, the backward pass writes ∂L/∂x = f′(x) ⊙ ∂L/∂y.
/// </summary>
/// <typeparam name="TForward">The operation struct of f.</typeparam>
internal abstract class GpuActivationLayer<TForward> : GpuLayer
    where TForward : struct, IUnaryOperation
{
    protected GpuActivationLayer(GpuAccelerator gpu, int[] shape)
        : base(gpu, shape, shape)
    {
    }

    /// <inheritdoc/>
    public sealed override void Forward(ArrayView<float> parameters, ArrayView<float> input) =>
        Gpu.Elementwise.Unary<TForward>(input, Output.View);

    /// <inheritdoc/>
    public sealed override void Backward(
        ArrayView<float> parameters, ArrayView<float> input, ArrayView<float> outputGradient,
        ArrayView<float> inputGradient, ArrayView<float> parameterGradient)
    {
        if (inputGradient.Length > 0) InputGradient(input, outputGradient, inputGradient);
    }

    /// <summary>Writes ∂L/∂x from the input x, the output (in <see cref="GpuLayer.Output"/>) and ∂L/∂y.</summary>
    protected abstract void InputGradient(ArrayView<float> input, ArrayView<float> outputGradient, ArrayView<float> inputGradient);
}

/// <summary><c>ReLU</c>: y = max(x, 0), ∂L/∂x = ∂L/∂y·[x &gt; 0] (0 at x = 0, as in PyTorch).</summary>
internal sealed class GpuReluLayer(GpuAccelerator gpu, int[] shape) : GpuActivationLayer<ReluOperation>(gpu, shape)
{
    /// <inheritdoc/>
    protected override void InputGradient(ArrayView<float> input, ArrayView<float> outputGradient, ArrayView<float> inputGradient) =>
        Gpu.Elementwise.Binary<ReluGradientOperation>(input, outputGradient, inputGradient);
}

/// <summary><c>Tanh</c>: y = tanh x, ∂L/∂x = ∂L/∂y·(1 − y²).</summary>
internal sealed class GpuTanhLayer(GpuAccelerator gpu, int[] shape) : GpuActivationLayer<TanhOperation>(gpu, shape)
{
    /// <inheritdoc/>
    protected override void InputGradient(ArrayView<float> input, ArrayView<float> outputGradient, ArrayView<float> inputGradient) =>
        Gpu.Elementwise.Binary<TanhGradientOperation>(Output.View, outputGradient, inputGradient);
}

/// <summary><c>Sigmoid</c>: y = σ(x), ∂L/∂x = ∂L/∂y·y(1 − y), computed as (y − y²)·∂L/∂y in three elementwise launches.</summary>
internal sealed class GpuSigmoidLayer(GpuAccelerator gpu, int[] shape) : GpuActivationLayer<SigmoidOperation>(gpu, shape)
{
    /// <inheritdoc/>
    protected override void InputGradient(ArrayView<float> input, ArrayView<float> outputGradient, ArrayView<float> inputGradient)
    {
        var y = Output.View;
        Gpu.Elementwise.Unary<SquareOperation>(y, inputGradient);
        Gpu.Elementwise.Binary<SubtractOperation>(y, inputGradient, inputGradient);
        Gpu.Elementwise.Binary<MultiplyOperation>(inputGradient, outputGradient, inputGradient);
    }
}
