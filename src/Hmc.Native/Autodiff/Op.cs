using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Autodiff;

/// <summary>
/// The backward rule of one recorded operation (DESIGN.md principle 3: one node per tensor operation,
/// one rule that accumulates into its inputs). An abstract class rather than an interface: the backward loops call
/// many different rules from one call site, and a virtual call there is cheaper than an interface dispatch.
/// </summary>
internal abstract class Op<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The operation's name, used in error messages.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Numeric backward: adds ∂L/∂input = (∂out/∂input)ᵀ·∂L/∂out into each input's adjoint
    /// (<see cref="Tape{T}.AdjointOf"/>), reading ∂L/∂out from <see cref="Tape{T}.AdjointSpan"/> of <paramref name="node"/>.
    /// </summary>
    public abstract void Backward(Tape<T> tape, int node);

    /// <summary>
    /// Differentiable backward: the same rule written with recorded tensor operations, so the gradient it
    /// produces can itself be differentiated (nested differentiation). Accumulates with
    /// <see cref="Tape{T}.AccumulateGraph"/>.
    /// </summary>
    public abstract void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad);

    /// <summary>
    /// True when <see cref="Recompute"/> is implemented and <see cref="BackwardGraph"/> records only operations and
    /// constants that do not depend on values, so a recorded graph made of such operations can be replayed at new
    /// input values (<see cref="RecordedGraph"/>).
    /// </summary>
    public virtual bool CanRecompute => false;

    /// <summary>Recomputes the value of <paramref name="node"/> from the current values of its inputs.</summary>
    /// <exception cref="NotSupportedException">The operation cannot be replayed (<see cref="CanRecompute"/> is false).</exception>
    public virtual void Recompute(Tape<T> tape, int node) => throw new NotSupportedException($"The operation '{Name}' cannot be replayed.");
}
