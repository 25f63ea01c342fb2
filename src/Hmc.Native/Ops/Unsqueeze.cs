using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Inserts an axis of size 1 (a <see cref="ReshapeOp"/>; the gradient is reshaped back).</summary>
public static class UnsqueezeOp
{
    /// <summary>
    /// <paramref name="x"/> with a new axis of size 1 at position <paramref name="axis"/> of the result
    /// (0..rank; negative counts from the end of the result, so −1 appends).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside −(rank+1)..rank.</exception>
    public static Tensor<T> Unsqueeze<T>(this Tensor<T> x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "unsqueeze", nameof(x));
        Shape sx = x.Shape;
        int a = axis < 0 ? axis + sx.Rank + 1 : axis;
        if (a < 0 || a > sx.Rank)
            throw new ArgumentOutOfRangeException(nameof(axis), $"unsqueeze: axis {axis} is out of range for shape {sx} (allowed {-sx.Rank - 1}..{sx.Rank}).");
        return x.Reshape(sx.InsertAxis(a, 1));
    }
}
