using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// The outer product of two vectors: out[i, j] = aᵢbⱼ (an m×n matrix). With G = ∂L/∂out:
/// ∂L/∂a = G·b and ∂L/∂b = Gᵀ·a. NaN or infinity propagates to the affected rows and columns.
/// </summary>
public static class OuterOp
{
    /// <summary>The outer product <c>a bᵀ</c> of a vector of length m and a vector of length n, an m×n matrix.</summary>
    /// <exception cref="ShapeMismatchException">An operand is not a vector; the message names both shapes.</exception>
    public static Tensor<T> Outer<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "outer", nameof(a));
        OpResult.RequireTensor(b, "outer", nameof(b));
        Shape sa = a.Shape, sb = b.Shape;
        if (sa.Rank != 1 || sb.Rank != 1)
            throw new ShapeMismatchException("outer", sa, sb, "both operands must be vectors");
        int m = sa[0], n = sb[0];
        var result = OpResult.New(Rule<T>.Instance, Shape.Matrix(m, n), a, b);
        var av = a.Values;
        var bv = b.Values;
        var d = result.MutableValues;
        for (int i = 0; i < m; i++) TensorPrimitives.Multiply(bv, av[i], d.Slice(i * n, n));
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "outer";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            int rows = n.Shape[0], columns = n.Shape[1];
            var g = tape.AdjointSpan(node);
            // ∂L/∂a (m×1) += G (m×n) · b (n×1);  ∂L/∂b (1×n) += aᵀ (1×m) · G (m×n).
            if (tape.NeedsGradient(n.A)) Gemm.MultiplyAdd<T>(g, false, n.B.Values, false, tape.AdjointOf(n.A), rows, columns, 1, tape.Parallelism);
            if (tape.NeedsGradient(n.B)) Gemm.MultiplyAdd<T>(n.A.Values, false, g, false, tape.AdjointOf(n.B), 1, rows, columns, tape.Parallelism);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            if (tape.NeedsGradient(n.A)) tape.AccumulateGraph(n.A, grad.MatMul(n.B));
            if (tape.NeedsGradient(n.B)) tape.AccumulateGraph(n.B, n.A.MatMul(grad));
        }
    }
}
