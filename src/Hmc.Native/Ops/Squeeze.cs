using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Removes an axis of size 1 (a <see cref="ReshapeOp"/>; the gradient is reshaped back).</summary>
public static class SqueezeOp
{
    /// <summary><paramref name="x"/> without axis <paramref name="axis"/> (negative counts from the end), which must have size 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    /// <exception cref="ArgumentException">The axis does not have size 1.</exception>
    public static Tensor<T> Squeeze<T>(this Tensor<T> x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "squeeze", nameof(x));
        Shape sx = x.Shape;
        int a = sx.NormalizeAxis(axis);
        if (sx[a] != 1)
            throw new ArgumentException($"squeeze: axis {a} of shape {sx} has size {sx[a]}, not 1.", nameof(axis));
        return x.Reshape(sx.RemoveAxis(a));
    }
}
