using System.Numerics;
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
    private readonly Conv2dGeometry _geometry;
    private readonly ParameterSlot _weight;
    private readonly ParameterSlot? _bias;

    /// <summary>A convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/> channels with a <paramref name="kernelSize"/>² kernel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the stride is below 1, or the padding is negative.</exception>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, bool bias = true)
    {
        _geometry = new Conv2dGeometry(inChannels, outChannels, kernelSize, stride, padding);
        int fanIn = _geometry.FieldLength;
        _weight = RegisterParameter("weight", _geometry.WeightShape, ParameterInit.UniformFanIn(fanIn));
        if (bias) _bias = RegisterParameter("bias", Shape.Vector(outChannels), ParameterInit.UniformFanIn(fanIn));
    }

    /// <summary>Input channels C.</summary>
    public int InChannels => _geometry.InChannels;

    /// <summary>Output channels.</summary>
    public int OutChannels => _geometry.OutChannels;

    /// <summary>The kernel's side k.</summary>
    public int KernelSize => _geometry.KernelSize;

    /// <summary>The step between kernel positions.</summary>
    public int Stride => _geometry.Stride;

    /// <summary>Zeros added on each side of the image.</summary>
    public int Padding => _geometry.Padding;

    /// <summary>The convolution of <paramref name="input"/> [N, C, H, W].</summary>
    /// <exception cref="ShapeMismatchException">The input is not [N, C, H, W] with this C, or is smaller than the kernel.</exception>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters) =>
        Conv2dOp.Conv2d(input, parameters.Flat, parameters.Offset + _weight.Offset,
            _bias is null ? default : parameters.Flat, _bias is { } b ? parameters.Offset + b.Offset : -1, _geometry);

    /// <inheritdoc/>
    protected override string Description =>
        $"Conv2d({InChannels}, {OutChannels}, kernel_size=({KernelSize}, {KernelSize}), stride=({Stride}, {Stride})" +
        (Padding > 0 ? $", padding=({Padding}, {Padding})" : "") + (_bias is null ? ", bias=False)" : ")");
}
