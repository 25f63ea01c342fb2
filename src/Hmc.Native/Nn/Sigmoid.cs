using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary><c>torch.nn.Sigmoid</c>: the elementwise 1/(1 + e^{−x}); no parameters.</summary>
public sealed class Sigmoid<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters) => input.Sigmoid();

    /// <inheritdoc/>
    protected override string Description => "Sigmoid()";
}
