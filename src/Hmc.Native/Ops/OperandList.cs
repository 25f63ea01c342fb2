using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Keeps the operands of an operation with any number of inputs (concatenation, stacking) on the tape itself, so
/// recording it allocates nothing on the heap: the operands go three to a node into the A, B, C fields of
/// consecutive empty leaf nodes (shape [0], no backward rule, no gradient) recorded just before the result.
/// Backward passes skip those nodes because nothing accumulates into them.
/// </summary>
internal static class OperandList
{
    private static readonly Shape Empty = Shape.Vector(0);

    /// <summary>Records <paramref name="operands"/>; returns the id of the first holder node.</summary>
    public static int Record<T>(Tape<T> tape, ReadOnlySpan<Tensor<T>> operands) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int first = tape.NodeCount;
        for (int j = 0; j < operands.Length; j += 3)
        {
            var holder = tape.Push(null, Empty, requiresGradient: false);
            ref var node = ref tape.NodeAt(holder.Id);
            node.A = operands[j];
            if (j + 1 < operands.Length) node.B = operands[j + 1];
            if (j + 2 < operands.Length) node.C = operands[j + 2];
        }
        return first;
    }

    /// <summary>Operand <paramref name="index"/> of the list recorded at node <paramref name="first"/>.</summary>
    public static Tensor<T> Get<T>(Tape<T> tape, int first, int index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var node = ref tape.NodeAt(first + index / 3);
        return (index % 3) switch
        {
            0 => node.A,
            1 => node.B,
            _ => node.C,
        };
    }

    /// <summary>
    /// The tape shared by <paramref name="operands"/> (null when all are constants) and whether any of them needs
    /// a gradient on it.
    /// </summary>
    /// <exception cref="AutodiffException">The operands come from two different tapes.</exception>
    public static (Tape<T>? Tape, bool RequiresGradient) Common<T>(ReadOnlySpan<Tensor<T>> operands) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensor<T> anchor = default;
        foreach (var t in operands)
        {
            Tape<T>.Common(anchor, t);
            if (anchor.IsNone && t.IsOnTape) anchor = t;
        }
        var tape = anchor.Tape;
        bool requiresGradient = false;
        if (tape is not null)
            foreach (var t in operands) requiresGradient |= tape.NeedsGradient(t);
        return (tape, requiresGradient);
    }
}
