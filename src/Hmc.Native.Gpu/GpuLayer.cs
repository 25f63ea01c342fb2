using ILGPU;

namespace Hmc.Native.Gpu;

/// <summary>
/// One layer of a <see cref="GpuNetwork"/>: a fixed batch shape in and out, its output buffer allocated once, and
/// the offsets of its parameters in the flat parameter vector (the layout of <c>Module.Parameters</c>).
/// </summary>
internal abstract class GpuLayer : IDisposable
{
    protected GpuLayer(GpuAccelerator gpu, int[] inputShape, int[] outputShape)
    {
        Gpu = gpu;
        InputShape = inputShape;
        OutputShape = outputShape;
        Output = gpu.Allocate<float>(LengthOf(outputShape));
    }

    /// <summary>The accelerator the layer's kernels run on.</summary>
    protected GpuAccelerator Gpu { get; }

    /// <summary>The shape of the layer's input, batch first.</summary>
    public int[] InputShape { get; }

    /// <summary>The shape of the layer's output, batch first.</summary>
    public int[] OutputShape { get; }

    /// <summary>The output of the last <see cref="Forward"/>.</summary>
    public GpuBuffer<float> Output { get; }

    /// <summary>Computes <see cref="Output"/> from <paramref name="input"/> with the weights in <paramref name="parameters"/> (the whole flat vector).</summary>
    public abstract void Forward(ArrayView<float> parameters, ArrayView<float> input);

    /// <summary>
    /// From ∂L/∂y (<paramref name="outputGradient"/>) after a <see cref="Forward"/> on the same input: overwrites this
    /// layer's slots of <paramref name="parameterGradient"/> (the whole flat gradient) with ∂L/∂w, and
    /// <paramref name="inputGradient"/> with ∂L/∂x unless it is empty (the first layer needs no input gradient).
    /// </summary>
    public abstract void Backward(
        ArrayView<float> parameters, ArrayView<float> input, ArrayView<float> outputGradient,
        ArrayView<float> inputGradient, ArrayView<float> parameterGradient);

    /// <summary>Frees the output buffer and any other device memory of the layer.</summary>
    public virtual void Dispose() => Output.Dispose();

    /// <summary>The number of elements of a dense array of <paramref name="shape"/>.</summary>
    public static int LengthOf(ReadOnlySpan<int> shape)
    {
        long length = 1;
        foreach (int extent in shape) length *= extent;
        return checked((int)length);
    }
}
