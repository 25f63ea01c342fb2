using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// The inner product of two vectors: out = Σᵢ aᵢbᵢ (a scalar); ∂out/∂a = b, ∂out/∂b = a.
/// NaN or infinity in either operand propagates to the result.
/// </summary>
public static class DotOp
{
    /// <summary>The inner product <c>Σᵢ aᵢbᵢ</c> of two vectors of equal length, as a rank-0 tensor.</summary>
    /// <exception cref="ShapeMismatchException">An operand is not a vector or the lengths differ; the message names both shapes.</exception>
    public static Tensor<T> Dot<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "dot", nameof(a));
        OpResult.RequireTensor(b, "dot", nameof(b));
        Shape sa = a.Shape, sb = b.Shape;
        if (sa.Rank != 1 || sb.Rank != 1)
            throw new ShapeMismatchException("dot", sa, sb, "both operands must be vectors");
        if (sa != sb)
            throw new ShapeMismatchException("dot", sa, sb, "the vectors must have the same length");
        var result = OpResult.New(Rule<T>.Instance, Shape.Scalar, a, b);
        result.MutableValues[0] = TensorPrimitives.Dot(a.Values, b.Values);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "dot";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            T g = tape.AdjointSpan(node)[0];
            if (tape.NeedsGradient(n.A))
            {
                var ga = tape.AdjointOf(n.A);
                TensorPrimitives.MultiplyAdd(n.B.Values, g, ga, ga);
            }
            if (tape.NeedsGradient(n.B))
            {
                var gb = tape.AdjointOf(n.B);
                TensorPrimitives.MultiplyAdd(n.A.Values, g, gb, gb);
            }
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            if (tape.NeedsGradient(n.A)) tape.AccumulateGraph(n.A, grad.Multiply(n.B));
            if (tape.NeedsGradient(n.B)) tape.AccumulateGraph(n.B, grad.Multiply(n.A));
        }
    }
}
