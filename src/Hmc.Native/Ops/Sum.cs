using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Sum of all elements (a scalar) or along one axis (that axis removed): ∂out/∂x = 1.</summary>
public static class SumOp
{
    /// <summary>The sum of every element, as a rank-0 tensor.</summary>
    public static Tensor<T> Sum<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "sum", nameof(x));
        var result = OpResult.New(AllRule<T>.Instance, Shape.Scalar, x);
        result.MutableValues[0] = TensorPrimitives.Sum(x.Values);
        return OpResult.Done(result, AllRule<T>.Instance);
    }

    /// <summary>The sum along <paramref name="axis"/> (negative counts from the end); the axis is removed, or kept with size 1 when <paramref name="keepDim"/>.</summary>
    public static Tensor<T> Sum<T>(this Tensor<T> x, int axis, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "sum", nameof(x));
        Shape sx = x.Shape;
        int a = sx.NormalizeAxis(axis);
        var kept = sx.WithDimension(a, 1);
        var summed = x.SumTo(kept);
        return keepDim ? summed : summed.Reshape(sx.RemoveAxis(a));
    }

    private sealed class AllRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly AllRule<T> Instance = new();
        public override string Name => "sum";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            TensorPrimitives.Add(ga, tape.AdjointSpan(node)[0], ga);
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node) => tape.ValueSpan(node)[0] = TensorPrimitives.Sum(tape.NodeAt(node).A.Values);

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.BroadcastTo(n.A.Shape));
        }
    }
}
