using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary><c>torch.nn.Tanh</c>: the elementwise tanh x; no parameters.</summary>
public sealed class Tanh<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters) => input.Tanh();

    /// <inheritdoc/>
    protected override string Description => "Tanh()";
}
