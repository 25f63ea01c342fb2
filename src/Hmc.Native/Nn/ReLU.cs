using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary><c>torch.nn.ReLU</c>: the elementwise max(x, 0); no parameters.</summary>
public sealed class ReLU<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters) => input.Relu();

    /// <inheritdoc/>
    protected override string Description => "ReLU()";
}
