using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise quotient with broadcasting: out = a / b; ∂out/∂a = 1/b, ∂out/∂b = −out/b. Division by zero gives ±∞ or NaN as IEEE 754 does.</summary>
public static class DivideOp
{
    /// <summary>Elementwise <c>a / b</c> with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast.</exception>
    public static Tensor<T> Divide<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Broadcasting.Apply<T, Kernel<T>>(Rule<T>.Instance, a, b);

    internal readonly struct Kernel<T> : IBinaryKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Apply(T a, T b) => a / b;
        public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Divide(a, b, d);
        public static void Apply(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Divide(a, b, d);
        public static void Apply(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Divide(a, b, d);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "divide";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            var g = tape.AdjointSpan(node);
            if (g.Length == 1 && n.A.Length == 1 && n.B.Length == 1)
            {
                T gOverB = g[0] / n.B.Values[0];
                if (tape.NeedsGradient(n.A)) tape.AdjointOf(n.A)[0] += gOverB;
                if (tape.NeedsGradient(n.B)) tape.AdjointOf(n.B)[0] -= gOverB * tape.ValueSpan(node)[0];
                return;
            }
            var rented = ArrayPool<T>.Shared.Rent(g.Length);
            var tmp = rented.AsSpan(0, g.Length);
            if (tape.NeedsGradient(n.A))
            {
                Broadcasting.Binary<T, Kernel<T>>(g, n.Shape, n.B.Values, n.B.Shape, tmp, n.Shape);
                Broadcasting.AccumulateReduced(tmp, n.Shape, tape.AdjointOf(n.A), n.A.Shape);
            }
            if (tape.NeedsGradient(n.B))
            {
                Broadcasting.Binary<T, Kernel<T>>(g, n.Shape, n.B.Values, n.B.Shape, tmp, n.Shape);
                TensorPrimitives.Multiply(tmp, tape.ValueSpan(node), tmp);
                TensorPrimitives.Negate<T>(tmp, tmp);
                Broadcasting.AccumulateReduced(tmp, n.Shape, tape.AdjointOf(n.B), n.B.Shape);
            }
            ArrayPool<T>.Shared.Return(rented);
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node) => Broadcasting.Recompute<T, Kernel<T>>(tape, node);

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            var result = new Tensor<T>(tape, node);
            var gOverB = grad.Divide(n.B);
            if (tape.NeedsGradient(n.A)) tape.AccumulateGraph(n.A, gOverB.SumTo(n.A.Shape));
            if (tape.NeedsGradient(n.B)) tape.AccumulateGraph(n.B, gOverB.Multiply(result).Negate().SumTo(n.B.Shape));
        }
    }
}
