using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// The largest element (a scalar) or the largest along one axis. The gradient goes to the arg-max element only,
/// the first one on ties (a subgradient); the second derivative is 0. A NaN element makes the maximum NaN, and
/// then the gradient goes to the first NaN.
/// </summary>
public static class MaxOp
{
    /// <summary>The largest element, as a rank-0 tensor.</summary>
    /// <exception cref="ArgumentException">The tensor has no elements.</exception>
    public static Tensor<T> Max<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "max", nameof(x));
        if (x.Length == 0) throw new ArgumentException($"max: the tensor of shape {x.Shape} has no elements.", nameof(x));
        var result = OpResult.New(AllRule<T>.Instance, Shape.Scalar, x);
        var values = x.Values;
        int index = TensorPrimitives.IndexOfMax(values);
        result.MutableValues[0] = values[index];
        if (result.Tape is { } tape) tape.NodeAt(result.Id).I0 = index;
        return OpResult.Done(result, AllRule<T>.Instance);
    }

    /// <summary>
    /// The largest element along <paramref name="axis"/> (negative counts from the end); the axis is removed, or
    /// kept with size 1 when <paramref name="keepDim"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    /// <exception cref="ArgumentException">The axis has size 0.</exception>
    public static Tensor<T> Max<T>(this Tensor<T> x, int axis, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "max", nameof(x));
        Shape sx = x.Shape;
        int a = sx.NormalizeAxis(axis);
        if (sx[a] == 0) throw new ArgumentException($"max: axis {a} of shape {sx} has no elements.", nameof(axis));
        var shape = keepDim ? sx.WithDimension(a, 1) : sx.RemoveAxis(a);
        var result = OpResult.New(AxisRule<T>.Instance, shape, x);
        var values = x.Values;
        var d = result.MutableValues;
        (int outer, int size, int inner) = SliceOp.Split(sx, a);
        for (int o = 0; o < outer; o++)
        {
            var block = values.Slice(o * size * inner, size * inner);
            if (inner == 1)
            {
                d[o] = TensorPrimitives.Max(block);
                continue;
            }
            var row = d.Slice(o * inner, inner);
            block[..inner].CopyTo(row);
            for (int k = 1; k < size; k++) TensorPrimitives.Max(row, block.Slice(k * inner, inner), row);
        }
        if (result.Tape is { } tape) tape.NodeAt(result.Id).I0 = a;
        return OpResult.Done(result, AxisRule<T>.Instance);
    }

    /// <summary>True when <paramref name="value"/> is the maximum <paramref name="max"/> (NaN matches a NaN maximum).</summary>
    private static bool Matches<T>(T value, T max) where T : unmanaged, IFloatingPointIeee754<T> =>
        value == max || (T.IsNaN(max) && T.IsNaN(value));

    /// <summary>
    /// mask (x's layout) = 1 at the first index along the axis where x equals its maximum y, 0 elsewhere;
    /// (outer, size, inner) is x's shape split around the axis.
    /// </summary>
    private static void ArgMaxMask<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int outer, int size, int inner, Span<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        mask.Clear();
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                var row = x.Slice(o * size, size);
                for (int k = 0; k < size; k++)
                {
                    if (!Matches(row[k], y[o])) continue;
                    mask[o * size + k] = T.One;
                    break;
                }
            }
            return;
        }
        var rented = ArrayPool<bool>.Shared.Rent(inner);
        var found = rented.AsSpan(0, inner);
        for (int o = 0; o < outer; o++)
        {
            found.Clear();
            var max = y.Slice(o * inner, inner);
            for (int k = 0; k < size; k++)
            {
                int offset = (o * size + k) * inner;
                var row = x.Slice(offset, inner);
                for (int i = 0; i < inner; i++)
                {
                    if (found[i] || !Matches(row[i], max[i])) continue;
                    found[i] = true;
                    mask[offset + i] = T.One;
                }
            }
        }
        ArrayPool<bool>.Shared.Return(rented);
    }

    private sealed class AllRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly AllRule<T> Instance = new();
        public override string Name => "max";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            tape.AdjointOf(n.A)[n.I0] += tape.AdjointSpan(node)[0];
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            int length = n.A.Length;
            tape.AccumulateGraph(n.A, grad.Reshape(Shape.Vector(1)).PadAxis(0, n.I0, length - 1 - n.I0).Reshape(n.A.Shape));
        }
    }

    private sealed class AxisRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly AxisRule<T> Instance = new();
        public override string Name => "max";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var g = tape.AdjointSpan(node);
            (int outer, int size, int inner) = SliceOp.Split(n.A.Shape, n.I0);
            var rented = ArrayPool<T>.Shared.Rent(ga.Length);
            var mask = rented.AsSpan(0, ga.Length);
            ArgMaxMask(n.A.Values, tape.ValueSpan(node), outer, size, inner, mask);
            for (int o = 0; o < outer; o++)
            {
                if (inner == 1)
                {
                    var r = ga.Slice(o * size, size);
                    TensorPrimitives.MultiplyAdd(mask.Slice(o * size, size), g[o], r, r);
                    continue;
                }
                var go = g.Slice(o * inner, inner);
                for (int k = 0; k < size; k++)
                {
                    int offset = (o * size + k) * inner;
                    var r = ga.Slice(offset, inner);
                    TensorPrimitives.FusedMultiplyAdd(mask.Slice(offset, inner), go, r, r);
                }
            }
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            Shape sx = n.A.Shape;
            var mask = tape.Filled(sx, T.Zero);
            (int outer, int size, int inner) = SliceOp.Split(sx, n.I0);
            ArgMaxMask(n.A.Values, tape.ValueSpan(node), outer, size, inner, mask.MutableValues);
            tape.AccumulateGraph(n.A, grad.Reshape(sx.WithDimension(n.I0, 1)).Multiply(mask));
        }
    }
}
