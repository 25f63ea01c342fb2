using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// A fully connected layer, <c>torch.nn.Linear</c>: y = x·Wᵀ + b on the last axis of x, with parameters
/// <c>weight</c> [out, in] and <c>bias</c> [out], both initialised U(−1/√in, 1/√in) as in PyTorch.
/// Computed by the fused <see cref="LinearOp"/>; see there for the gradient and the NaN behaviour.
/// </summary>
public sealed class Linear<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterSlot _weight;
    private readonly ParameterSlot? _bias;

    /// <summary>A layer from <paramref name="inFeatures"/> to <paramref name="outFeatures"/> features, with a bias unless <paramref name="bias"/> is false.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public Linear(int inFeatures, int outFeatures, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        _weight = RegisterParameter("weight", new Shape(outFeatures, inFeatures), ParameterInit.UniformFanIn(inFeatures));
        if (bias) _bias = RegisterParameter("bias", Shape.Vector(outFeatures), ParameterInit.UniformFanIn(inFeatures));
    }

    /// <summary>The size of the input's last axis.</summary>
    public int InFeatures { get; }

    /// <summary>The size of the output's last axis.</summary>
    public int OutFeatures { get; }

    /// <summary>x·Wᵀ + b for <paramref name="input"/> [..., in]; the result is [..., out].</summary>
    /// <exception cref="ShapeMismatchException">The input's last axis is not <see cref="InFeatures"/>.</exception>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters) =>
        LinearOp.Linear(input, parameters.Flat, parameters.Offset + _weight.Offset,
            _bias is null ? default : parameters.Flat, _bias is { } b ? parameters.Offset + b.Offset : -1, InFeatures, OutFeatures);

    /// <inheritdoc/>
    protected override string Description => $"Linear(in_features={InFeatures}, out_features={OutFeatures}, bias={(_bias is null ? "False" : "True")})";
}
