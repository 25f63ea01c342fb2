using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise difference with broadcasting: out = a − b; ∂out/∂a = 1, ∂out/∂b = −1.</summary>
public static class SubtractOp
{
    /// <summary>Elementwise <c>a − b</c> with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast.</exception>
    public static Tensor<T> Subtract<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Broadcasting.Apply<T, Kernel<T>>(Rule<T>.Instance, a, b);

    private readonly struct Kernel<T> : IBinaryKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Apply(T a, T b) => a - b;
        public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Subtract(a, b, d);
        public static void Apply(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Subtract(a, b, d);
        public static void Apply(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Subtract(a, b, d);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "subtract";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            var g = tape.AdjointSpan(node);
            if (tape.NeedsGradient(n.A)) Broadcasting.AccumulateInto(tape, g, n.Shape, n.A);
            if (!tape.NeedsGradient(n.B)) return;
            var gb = tape.AdjointOf(n.B);
            if (g.Length == 1 && gb.Length == 1) { gb[0] -= g[0]; return; }
            if (gb.Length == g.Length) { TensorPrimitives.Subtract(gb, g, gb); return; }
            if (n.B.Length == 1) { gb[0] -= TensorPrimitives.Sum<T>(g); return; }
            var tmp = System.Buffers.ArrayPool<T>.Shared.Rent(g.Length);
            var neg = tmp.AsSpan(0, g.Length);
            TensorPrimitives.Negate<T>(g, neg);
            Broadcasting.AccumulateReduced(neg, n.Shape, gb, n.B.Shape);
            System.Buffers.ArrayPool<T>.Shared.Return(tmp);
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node) => Broadcasting.Recompute<T, Kernel<T>>(tape, node);

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.SumTo(n.A.Shape));
            if (tape.NeedsGradient(n.B)) tape.AccumulateGraph(n.B, grad.Negate().SumTo(n.B.Shape));
        }
    }
}
