using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Sums a tensor down to a shape it was broadcast from (the adjoint of <see cref="BroadcastToOp"/>):
/// out[j] = Σ_{i broadcast onto j} x[i]; its derivative broadcasts the gradient back.
/// </summary>
public static class SumToOp
{
    /// <summary>Sums <paramref name="x"/> over the axes along which <paramref name="shape"/> broadcasts to x's shape; returns x itself when the shapes are equal.</summary>
    /// <exception cref="ShapeMismatchException"><paramref name="shape"/> does not broadcast to x's shape.</exception>
    public static Tensor<T> SumTo<T>(this Tensor<T> x, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shape sx = x.Shape;
        if (sx == shape) return x;
        if (Shape.Broadcast(shape, sx, "sum-to") != sx)
            throw new ShapeMismatchException("sum-to", sx, shape, "the target shape must broadcast to the source shape");
        var result = OpResult.New(Rule<T>.Instance, shape, x);
        Compute(x.Values, sx, result.MutableValues, shape);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private static void Compute<T>(ReadOnlySpan<T> x, Shape sx, Span<T> d, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        d.Clear();
        Broadcasting.AccumulateReduced(x, sx, d, shape);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "sum-to";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var g = tape.AdjointSpan(node);
            var ga = tape.AdjointOf(n.A);
            Broadcasting.Binary<T, AddOp.Kernel<T>>(ga, n.A.Shape, g, n.Shape, ga, n.A.Shape);
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            Compute(n.A.Values, n.A.Shape, tape.ValueSpan(node), n.Shape);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.BroadcastTo(n.A.Shape));
        }
    }
}
