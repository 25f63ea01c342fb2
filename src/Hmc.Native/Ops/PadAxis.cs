using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Pads one axis with zeros before and after (the adjoint of <see cref="SliceOp.Slice{T}"/>); its gradient is the slice of the gradient.</summary>
public static class PadAxisOp
{
    /// <summary>Places <paramref name="x"/> between <paramref name="before"/> and <paramref name="after"/> zeros along <paramref name="axis"/>.</summary>
    public static Tensor<T> PadAxis<T>(this Tensor<T> x, int axis, int before, int after) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "pad", nameof(x));
        ArgumentOutOfRangeException.ThrowIfNegative(before);
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        Shape sx = x.Shape;
        int a = sx.NormalizeAxis(axis);
        if (before == 0 && after == 0) return x;
        var shape = sx.WithDimension(a, sx[a] + before + after);
        var result = OpResult.New(Rule<T>.Instance, shape, x);
        Compute(x.Values, shape, a, before, sx[a], result.MutableValues);
        if (result.Tape is { } tape)
        {
            ref var node = ref tape.NodeAt(result.Id);
            node.I0 = a;
            node.I1 = before;
        }
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private static void Compute<T>(ReadOnlySpan<T> x, Shape shape, int axis, int before, int length, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        d.Clear();
        SliceOp.AddRange(x, shape, axis, before, length, d);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "pad";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            SliceOp.AccumulateRange<T>(tape.AdjointSpan(node), n.Shape, n.I0, n.I1, n.A.Shape[n.I0], tape.AdjointOf(n.A));
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            Compute(n.A.Values, n.Shape, n.I0, n.I1, n.A.Shape[n.I0], tape.ValueSpan(node));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            int length = n.A.Shape[n.I0];
            tape.AccumulateGraph(n.A, grad.Slice(n.I0, n.I1..(n.I1 + length)));
        }
    }
}
