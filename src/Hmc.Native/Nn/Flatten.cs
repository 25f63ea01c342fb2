using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// <c>torch.nn.Flatten()</c>: reshapes [N, d1, d2, ...] to [N, d1·d2·...], keeping the batch axis; no parameters.
/// The gradient is reshaped back.
/// </summary>
public sealed class Flatten<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The input with every axis after the first merged into one.</summary>
    /// <exception cref="ArgumentException">The input has rank below 2.</exception>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters)
    {
        if (input.Rank < 2)
            throw new ArgumentException($"Flatten keeps the batch axis and needs rank 2 or more; the input has shape {input.Shape}.", nameof(input));
        Shape s = input.Shape;
        return input.Reshape(s[0], s.Length / Math.Max(1, s[0]));
    }

    /// <inheritdoc/>
    protected override string Description => "Flatten(start_dim=1, end_dim=-1)";
}
