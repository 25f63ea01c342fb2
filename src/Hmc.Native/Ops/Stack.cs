using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

public static partial class TensorOps
{
    /// <summary>
    /// Joins tensors of one shape along a new <paramref name="axis"/> of the result (0..rank; negative counts from
    /// the end of the result), e.g. k vectors of length n stacked along axis 0 give a k×n matrix. The gradient of
    /// each input is its slice of the output gradient. One node and no heap allocation on a tape.
    /// </summary>
    /// <exception cref="ArgumentException">No tensors.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside −(rank+1)..rank.</exception>
    /// <exception cref="ShapeMismatchException">Two tensors have different shapes; the message names both.</exception>
    public static Tensor<T> Stack<T>(ReadOnlySpan<Tensor<T>> tensors, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tensors.IsEmpty) throw new ArgumentException("stack: no tensors given.", nameof(tensors));
        for (int j = 0; j < tensors.Length; j++)
            if (tensors[j].IsNone) throw new ArgumentException($"stack: tensors[{j}] is the default (none) tensor.", nameof(tensors));
        Shape first = tensors[0].Shape;
        int a = axis < 0 ? axis + first.Rank + 1 : axis;
        if (a < 0 || a > first.Rank)
            throw new ArgumentOutOfRangeException(nameof(axis), $"stack: axis {axis} is out of range for tensors of shape {first} (allowed {-first.Rank - 1}..{first.Rank}).");
        foreach (var t in tensors)
            if (t.Shape != first) throw new ShapeMismatchException("stack", first, t.Shape, "all tensors must have the same shape");
        return Join(tensors, a, first.InsertAxis(a, tensors.Length), ConcatRule<T>.Stack);
    }
}
