using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Autodiff;

/// <summary>
/// One recorded operation on a <see cref="Tape{T}"/>: its backward rule, its inputs, where its value lives
/// in the arena, and the few parameters an operation needs (axes, scalars, an optional payload).
/// </summary>
internal struct Node<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The backward rule; null for a leaf (variable or constant).</summary>
    public Op<T>? Op;
    public Shape Shape;
    public int Offset;
    public int Length;
    public Tensor<T> A;
    public Tensor<T> B;
    public Tensor<T> C;
    public int I0;
    public int I1;
    public int I2;
    public T S0;
    public T S1;
    /// <summary>Extra state an operation keeps for its backward rule (allocated only by the operations that need it).</summary>
    public object? Payload;
    public bool RequiresGradient;
}
