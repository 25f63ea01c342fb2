using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Softmax along one axis: out = exp(x − ln Σₖ exp(xₖ)), stable (see <see cref="LogSumExpOp"/>), so each slice
/// along the axis sums to 1. ∂L/∂x = out·(g − Σₖ gₖ·outₖ), O(N). NaN propagates along the axis; an element +∞
/// gives NaN.
/// </summary>
public static class SoftmaxOp
{
    /// <summary>exp(x) / Σ exp(x) along <paramref name="axis"/> (negative counts from the end); the shape is kept.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    public static Tensor<T> Softmax<T>(this Tensor<T> x, int axis = -1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "softmax", nameof(x));
        Shape sx = x.Shape;
        int a = sx.NormalizeAxis(axis);
        var result = OpResult.New(Rule<T>.Instance, sx, x);
        var d = result.MutableValues;
        LogSoftmaxOp.Compute(x.Values, sx, a, d);
        TensorPrimitives.Exp<T>(d, d);
        if (result.Tape is { } tape) tape.NodeAt(result.Id).I0 = a;
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "softmax";

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
            var centred = rented.AsSpan(0, width);
            var dot = rented.AsSpan(width, width);
            for (int o = 0; o < outer; o++)
            {
                if (inner == 1)
                {
                    // ga += y·(g − ⟨g, y⟩)
                    int offset = o * size;
                    var go = g.Slice(offset, size);
                    var yo = y.Slice(offset, size);
                    var r = ga.Slice(offset, size);
                    TensorPrimitives.Subtract(go, TensorPrimitives.Dot(go, yo), centred);
                    TensorPrimitives.FusedMultiplyAdd<T>(yo, centred, r, r);
                    continue;
                }
                dot.Clear();
                for (int k = 0; k < size; k++)
                {
                    int offset = (o * size + k) * inner;
                    TensorPrimitives.FusedMultiplyAdd<T>(g.Slice(offset, inner), y.Slice(offset, inner), dot, dot);
                }
                for (int k = 0; k < size; k++)
                {
                    int offset = (o * size + k) * inner;
                    var r = ga.Slice(offset, inner);
                    TensorPrimitives.Subtract<T>(g.Slice(offset, inner), dot, centred);
                    TensorPrimitives.FusedMultiplyAdd<T>(y.Slice(offset, inner), centred, r, r);
                }
            }
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            var y = new Tensor<T>(tape, node);
            tape.AccumulateGraph(n.A, y.Multiply(grad.Subtract(grad.Multiply(y).Sum(n.I0, keepDim: true))));
        }
    }
}
