using System.Numerics;
using System.Runtime.CompilerServices;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// A 2-D convolution layer, <c>torch.nn.Conv2d</c> with a square kernel, dilation 1 and one group: parameters
/// <c>weight</c> [outC, C, k, k] and <c>bias</c> [outC], both initialised U(−1/√(C·k·k), 1/√(C·k·k)) as in PyTorch.
/// Input [N, C, H, W]; output [N, outC, ⌊(H + 2p − k)/s⌋ + 1, ⌊(W + 2p − k)/s⌋ + 1]. Computed by the fused
/// <see cref="Conv2dOp"/> (im2col and a blocked matrix product); see there for the gradient. Second derivatives are
/// not available.
/// </summary>
public sealed class Conv2d<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterSlot _weight;
    private readonly ParameterSlot? _bias;

    /// <summary>The geometry of the last input shape, boxed once as the payload of the recorded convolution, so that recording the layer again on that shape allocates nothing.</summary>
    private StrongBox<Conv2dGeometry>? _geometry;

    /// <summary>A convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/> channels with a <paramref name="kernelSize"/>² kernel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the stride is below 1, or the padding is negative.</exception>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, bool bias = true)
    {
        Conv2dGeometry.CheckLayer(inChannels, outChannels, kernelSize, stride, padding);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        int fanIn = inChannels * kernelSize * kernelSize;
        _weight = RegisterParameter("weight", new Shape(outChannels, inChannels, kernelSize, kernelSize), ParameterInit.UniformFanIn(fanIn));
        if (bias) _bias = RegisterParameter("bias", Shape.Vector(outChannels), ParameterInit.UniformFanIn(fanIn));
    }

    /// <summary>Input channels C.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>The kernel's side k.</summary>
    public int KernelSize { get; }

    /// <summary>The step between kernel positions.</summary>
    public int Stride { get; }

    /// <summary>Zeros added on each side of the image.</summary>
    public int Padding { get; }

    /// <summary>The convolution of <paramref name="input"/> [N, C, H, W].</summary>
    /// <exception cref="ShapeMismatchException">The input is not [N, C, H, W] with this C, or is smaller than the kernel.</exception>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters)
    {
        OpResult.RequireTensor(input, "conv2d", nameof(input));
        var geometry = _geometry;
        if (geometry is null || !geometry.Value.Fits(input.Shape))
            _geometry = geometry = new StrongBox<Conv2dGeometry>(Conv2dGeometry.ForInput(input.Shape, InChannels, OutChannels, KernelSize, Stride, Padding));
        return Conv2dOp.Conv2d(input, parameters.Flat, parameters.Offset + _weight.Offset,
            _bias is null ? default : parameters.Flat, _bias is { } b ? parameters.Offset + b.Offset : -1, geometry);
    }

    /// <inheritdoc/>
    protected override string Description =>
        $"Conv2d({InChannels}, {OutChannels}, kernel_size=({KernelSize}, {KernelSize}), stride=({Stride}, {Stride})" +
        (Padding > 0 ? $", padding=({Padding}, {Padding})" : "") + (_bias is null ? ", bias=False)" : ")");
}
