using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary><c>torch.nn.Softplus</c>: the elementwise log(1 + eˣ); no parameters.</summary>
public sealed class Softplus<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters) => input.Softplus();

    /// <inheritdoc/>
    protected override string Description => "Softplus(beta=1, threshold=20)";
}
