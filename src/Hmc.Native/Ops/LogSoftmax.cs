using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Log-softmax along one axis: out = x − ln Σₖ exp(xₖ), stable (see <see cref="LogSumExpOp"/>). Its backward rule
/// is O(N): ∂L/∂x = g − softmax(x)·Σₖ gₖ (the vectorised form of Stan Math's <c>log_softmax</c>, DESIGN.md
/// principle 3). NaN propagates along the axis; an element +∞ gives NaN.
/// </summary>
public static class LogSoftmaxOp
{
    /// <summary>x − logsumexp(x) along <paramref name="axis"/> (negative counts from the end); the shape is kept.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    public static Tensor<T> LogSoftmax<T>(this Tensor<T> x, int axis = -1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "log-softmax", nameof(x));
        Shape sx = x.Shape;
        int a = sx.NormalizeAxis(axis);
        var result = OpResult.New(Rule<T>.Instance, sx, x);
        Compute(x.Values, sx, a, result.MutableValues);
        if (result.Tape is { } tape) tape.NodeAt(result.Id).I0 = a;
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>destination = x − logsumexp(x) along <paramref name="axis"/>, both laid out as <paramref name="shape"/>.</summary>
    internal static void Compute<T>(ReadOnlySpan<T> x, Shape shape, int axis, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int outer, int size, int inner) = SliceOp.Split(shape, axis);
        var rented = ArrayPool<T>.Shared.Rent(outer * inner);
        var lse = rented.AsSpan(0, outer * inner);
        LogSumExpOp.Reduce(x, outer, size, inner, lse);
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                TensorPrimitives.Subtract(x.Slice(o * size, size), lse[o], destination.Slice(o * size, size));
                continue;
            }
            var lo = lse.Slice(o * inner, inner);
            for (int k = 0; k < size; k++)
            {
                int offset = (o * size + k) * inner;
                TensorPrimitives.Subtract(x.Slice(offset, inner), lo, destination.Slice(offset, inner));
            }
        }
        ArrayPool<T>.Shared.Return(rented);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "log-softmax";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var g = tape.AdjointSpan(node);
            var y = tape.ValueSpan(node);
            (int outer, int size, int inner) = SliceOp.Split(n.Shape, n.I0);
            int width = inner == 1 ? size : inner;
            var rented = ArrayPool<T>.Shared.Rent(2 * width);
            var softmax = rented.AsSpan(0, width);
            var total = rented.AsSpan(width, width);
            TensorPrimitives.Add(ga, g, ga);
            for (int o = 0; o < outer; o++)
            {
                if (inner == 1)
                {
                    // ga −= softmax·Σg
                    var r = ga.Slice(o * size, size);
                    TensorPrimitives.Exp(y.Slice(o * size, size), softmax);
                    TensorPrimitives.MultiplyAdd<T>(softmax, -TensorPrimitives.Sum(g.Slice(o * size, size)), r, r);
                    continue;
                }
                total.Clear();
                for (int k = 0; k < size; k++) TensorPrimitives.Add<T>(total, g.Slice((o * size + k) * inner, inner), total);
                TensorPrimitives.Negate<T>(total, total);
                for (int k = 0; k < size; k++)
                {
                    int offset = (o * size + k) * inner;
                    var r = ga.Slice(offset, inner);
                    TensorPrimitives.Exp(y.Slice(offset, inner), softmax);
                    TensorPrimitives.FusedMultiplyAdd<T>(softmax, total, r, r);
                }
            }
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            var y = new Tensor<T>(tape, node);
            tape.AccumulateGraph(n.A, grad.Subtract(y.Exp().Multiply(grad.Sum(n.I0, keepDim: true))));
        }
    }
}
