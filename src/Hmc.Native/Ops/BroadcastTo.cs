using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Repeats a tensor along broadcast axes to a larger shape (NumPy <c>broadcast_to</c>, copied); its adjoint is <see cref="SumToOp"/>.</summary>
public static class BroadcastToOp
{
    /// <summary>Broadcasts <paramref name="x"/> to <paramref name="shape"/>; returns x itself when the shapes are equal.</summary>
    /// <exception cref="ShapeMismatchException">x's shape does not broadcast to <paramref name="shape"/>.</exception>
    public static Tensor<T> BroadcastTo<T>(this Tensor<T> x, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shape sx = x.Shape;
        if (sx == shape) return x;
        if (Shape.Broadcast(sx, shape, "broadcast-to") != shape)
            throw new ShapeMismatchException("broadcast-to", sx, shape, "the source shape must broadcast to the target shape");
        var result = OpResult.New(Rule<T>.Instance, shape, x);
        Compute(x.Values, sx, result.MutableValues, shape);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private static void Compute<T>(ReadOnlySpan<T> x, Shape sx, Span<T> d, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        d.Clear();
        Broadcasting.Binary<T, AddOp.Kernel<T>>(d, shape, x, sx, d, shape);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "broadcast-to";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (tape.NeedsGradient(n.A))
                Broadcasting.AccumulateInto(tape, tape.AdjointSpan(node), n.Shape, n.A);
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
            tape.AccumulateGraph(n.A, grad.SumTo(n.A.Shape));
        }
    }
}
