using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// A view of a module's parameters inside the flat parameter vector: the rank-1 tensor holding every parameter of
/// the whole model (a tape variable while sampling, a constant when predicting) and the offset where this module's
/// block begins. Layers read their weights straight from <see cref="Flat"/> at an offset and add their gradients
/// straight into its adjoint, so a forward pass never copies the parameters.
/// </summary>
public readonly struct ParameterVector<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Views the whole of <paramref name="flat"/>, a rank-1 tensor, from offset 0.</summary>
    /// <exception cref="ArgumentException"><paramref name="flat"/> is the default tensor or not rank 1.</exception>
    public ParameterVector(Tensor<T> flat) : this(flat, 0)
    {
        OpResult.RequireTensor(flat, "parameter vector", nameof(flat));
        if (flat.Rank != 1)
            throw new ArgumentException($"The flat parameter vector must have rank 1; it has shape {flat.Shape}.", nameof(flat));
    }

    private ParameterVector(Tensor<T> flat, int offset)
    {
        Flat = flat;
        Offset = offset;
    }

    /// <summary>The rank-1 tensor holding all the model's parameters.</summary>
    public Tensor<T> Flat { get; }

    /// <summary>Where this view begins in <see cref="Flat"/>.</summary>
    public int Offset { get; }

    /// <summary>The view that begins <paramref name="offset"/> elements further on (a child module's block).</summary>
    public ParameterVector<T> At(int offset) => new(Flat, Offset + offset);

    /// <summary>
    /// The parameter at <paramref name="slot"/> as a tensor of its shape, copied out of <see cref="Flat"/> by the
    /// differentiable slice and reshape operations; for parameters that a custom <see cref="Module{T}.Forward(Tensor{T}, ParameterVector{T})"/>
    /// combines with ordinary tensor operations.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The parameter lies outside <see cref="Flat"/>.</exception>
    public Tensor<T> Get(ParameterSlot slot)
    {
        int start = Offset + slot.Offset;
        ParameterRange.Check(Flat, start, slot.Shape.Length, "parameter");
        return Flat.Slice(0, start..(start + slot.Shape.Length)).Reshape(slot.Shape);
    }
}
