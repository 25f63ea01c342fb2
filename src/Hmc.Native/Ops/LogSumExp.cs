using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// ln Σ exp(x), over all elements or along one axis, computed stably as m + ln Σ exp(x − m) with m the maximum
/// (so no exponential overflows); ∂out/∂x = exp(x − out) = softmax(x). An empty sum gives −∞; an element +∞
/// gives +∞; all elements −∞ give −∞ (the gradient is then NaN); NaN propagates.
/// </summary>
public static class LogSumExpOp
{
    /// <summary>ln Σᵢ exp(xᵢ) over every element, as a rank-0 tensor.</summary>
    public static Tensor<T> LogSumExp<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "log-sum-exp", nameof(x));
        var result = OpResult.New(AllRule<T>.Instance, Shape.Scalar, x);
        var values = x.Values;
        Reduce(values, 1, values.Length, 1, result.MutableValues);
        return OpResult.Done(result, AllRule<T>.Instance);
    }

    /// <summary>
    /// ln Σₖ exp(x[…, k, …]) along <paramref name="axis"/> (negative counts from the end); the axis is removed, or
    /// kept with size 1 when <paramref name="keepDim"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    public static Tensor<T> LogSumExp<T>(this Tensor<T> x, int axis, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "log-sum-exp", nameof(x));
        Shape sx = x.Shape;
        int a = sx.NormalizeAxis(axis);
        var shape = keepDim ? sx.WithDimension(a, 1) : sx.RemoveAxis(a);
        var result = OpResult.New(AxisRule<T>.Instance, shape, x);
        (int outer, int size, int inner) = SliceOp.Split(sx, a);
        Reduce(x.Values, outer, size, inner, result.MutableValues);
        if (result.Tape is { } tape) tape.NodeAt(result.Id).I0 = a;
        return OpResult.Done(result, AxisRule<T>.Instance);
    }

    /// <summary>
    /// lse[o, i] = ln Σₖ exp(x[o, k, i]) for x laid out as (outer, size, inner), shifting by the maximum over k
    /// (by 0 where that maximum is infinite or NaN, which gives the limits stated on the class).
    /// </summary>
    internal static void Reduce<T>(ReadOnlySpan<T> x, int outer, int size, int inner, Span<T> lse)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (size == 0)
        {
            lse.Fill(T.NegativeInfinity);
            return;
        }
        if (inner == 1)
        {
            var rentedRow = ArrayPool<T>.Shared.Rent(size);
            var tmp = rentedRow.AsSpan(0, size);
            for (int o = 0; o < outer; o++)
            {
                var row = x.Slice(o * size, size);
                T shift = default(FiniteOrZero<T>).Apply(TensorPrimitives.Max(row));
                TensorPrimitives.Subtract(row, shift, tmp);
                TensorPrimitives.Exp<T>(tmp, tmp);
                lse[o] = shift + T.Log(TensorPrimitives.Sum<T>(tmp));
            }
            ArrayPool<T>.Shared.Return(rentedRow);
            return;
        }
        var rented = ArrayPool<T>.Shared.Rent(2 * inner);
        var sum = rented.AsSpan(0, inner);
        var term = rented.AsSpan(inner, inner);
        for (int o = 0; o < outer; o++)
        {
            var block = x.Slice(o * size * inner, size * inner);
            var shift = lse.Slice(o * inner, inner);
            block[..inner].CopyTo(shift);
            for (int k = 1; k < size; k++) TensorPrimitives.Max(shift, block.Slice(k * inner, inner), shift);
            Elementwise.Apply(default(FiniteOrZero<T>), shift, shift);
            sum.Clear();
            for (int k = 0; k < size; k++)
            {
                TensorPrimitives.Subtract(block.Slice(k * inner, inner), shift, term);
                TensorPrimitives.Exp<T>(term, term);
                TensorPrimitives.Add<T>(sum, term, sum);
            }
            TensorPrimitives.Log<T>(sum, sum);
            TensorPrimitives.Add<T>(shift, sum, shift);
        }
        ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>m ↦ m when finite, else 0 (x − x = 0 exactly for finite x and NaN otherwise).</summary>
    private readonly struct FiniteOrZero<T> : IVectorKernel1<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T m) => T.IsFinite(m) ? m : T.Zero;

        public Vector<T> Apply(Vector<T> m) => Vector.ConditionalSelect(Vector.Equals(m - m, Vector<T>.Zero), m, Vector<T>.Zero);
    }

    /// <summary>
    /// ga[o, k, i] += g[o, i]·exp(x[o, k, i] − y[o, i]), the numeric backward rule shared by both reductions.
    /// </summary>
    private static void AccumulateSoftmaxWeighted<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, int outer, int size, int inner, Span<T> ga)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = inner == 1 ? size : inner;
        var rented = ArrayPool<T>.Shared.Rent(width);
        var tmp = rented.AsSpan(0, width);
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                var r = ga.Slice(o * size, size);
                TensorPrimitives.Subtract(x.Slice(o * size, size), y[o], tmp);
                TensorPrimitives.Exp<T>(tmp, tmp);
                TensorPrimitives.MultiplyAdd<T>(tmp, g[o], r, r);
                continue;
            }
            var yo = y.Slice(o * inner, inner);
            var go = g.Slice(o * inner, inner);
            for (int k = 0; k < size; k++)
            {
                int offset = (o * size + k) * inner;
                var r = ga.Slice(offset, inner);
                TensorPrimitives.Subtract(x.Slice(offset, inner), yo, tmp);
                TensorPrimitives.Exp<T>(tmp, tmp);
                TensorPrimitives.FusedMultiplyAdd<T>(tmp, go, r, r);
            }
        }
        ArrayPool<T>.Shared.Return(rented);
    }

    private sealed class AllRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly AllRule<T> Instance = new();
        public override string Name => "log-sum-exp";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            AccumulateSoftmaxWeighted(n.A.Values, tape.ValueSpan(node), tape.AdjointSpan(node), 1, ga.Length, 1, ga);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(n.A.Subtract(new Tensor<T>(tape, node)).Exp()));
        }
    }

    private sealed class AxisRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly AxisRule<T> Instance = new();
        public override string Name => "log-sum-exp";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            (int outer, int size, int inner) = SliceOp.Split(n.A.Shape, n.I0);
            AccumulateSoftmaxWeighted(n.A.Values, tape.ValueSpan(node), tape.AdjointSpan(node), outer, size, inner, tape.AdjointOf(n.A));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            var kept = n.A.Shape.WithDimension(n.I0, 1);
            var y = new Tensor<T>(tape, node).Reshape(kept);
            tape.AccumulateGraph(n.A, grad.Reshape(kept).Multiply(n.A.Subtract(y).Exp()));
        }
    }
}
