using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Autodiff;

/// <summary>
/// The backward rule of one recorded operation (DESIGN.md principle 3: one node per tensor operation,
/// one rule that accumulates into its inputs).
/// </summary>
internal interface IOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The operation's name, used in error messages.</summary>
    string Name { get; }

    /// <summary>
    /// Numeric backward: adds ∂L/∂input = (∂out/∂input)ᵀ·∂L/∂out into each input's adjoint
    /// (<see cref="Tape{T}.AdjointOf"/>), reading ∂L/∂out from <see cref="Tape{T}.AdjointSpan"/> of <paramref name="node"/>.
    /// </summary>
    void Backward(Tape<T> tape, int node);

    /// <summary>
    /// Differentiable backward: the same rule written with recorded tensor operations, so the gradient it
    /// produces can itself be differentiated (nested differentiation). Accumulates with
    /// <see cref="Tape{T}.AccumulateGraph"/>.
    /// </summary>
    void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad);
}
