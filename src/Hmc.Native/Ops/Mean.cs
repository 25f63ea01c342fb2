using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Arithmetic mean of all elements (a scalar) or along one axis: out = (1/n)·Σ x; ∂out/∂x = 1/n.
/// The mean of no elements is NaN (0/0).
/// </summary>
public static class MeanOp
{
    /// <summary>The mean of every element, as a rank-0 tensor.</summary>
    public static Tensor<T> Mean<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "mean", nameof(x));
        var result = OpResult.New(AllRule<T>.Instance, Shape.Scalar, x);
        var values = x.Values;
        result.MutableValues[0] = TensorPrimitives.Sum(values) / T.CreateChecked(values.Length);
        return OpResult.Done(result, AllRule<T>.Instance);
    }

    /// <summary>
    /// The mean along <paramref name="axis"/> (negative counts from the end); the axis is removed, or kept with
    /// size 1 when <paramref name="keepDim"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    public static Tensor<T> Mean<T>(this Tensor<T> x, int axis, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "mean", nameof(x));
        Shape sx = x.Shape;
        int a = sx.NormalizeAxis(axis);
        return x.Sum(a, keepDim) / T.CreateChecked(sx[a]);
    }

    private sealed class AllRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly AllRule<T> Instance = new();
        public override string Name => "mean";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            TensorPrimitives.Add(ga, tape.AdjointSpan(node)[0] / T.CreateChecked(ga.Length), ga);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, (grad / T.CreateChecked(n.A.Length)).BroadcastTo(n.A.Shape));
        }
    }
}
