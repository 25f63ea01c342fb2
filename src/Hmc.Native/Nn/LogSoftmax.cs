using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary><c>torch.nn.LogSoftmax(dim)</c>: log softmax along one axis (the last by default); no parameters.</summary>
public sealed class LogSoftmax<T>(int axis = -1) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The axis normalised over.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters) => input.LogSoftmax(Axis);

    /// <inheritdoc/>
    protected override string Description => $"LogSoftmax(dim={Axis})";
}
