using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise sum with broadcasting: out = a + b; ∂out/∂a = 1, ∂out/∂b = 1 (summed over broadcast axes).</summary>
public static class AddOp
{
    /// <summary>Elementwise <c>a + b</c> with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast.</exception>
    public static Tensor<T> Add<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Broadcasting.Apply<T, Kernel<T>>(Rule<T>.Instance, a, b);

    internal readonly struct Kernel<T> : IBinaryKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Apply(T a, T b) => a + b;
        public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Add(a, b, d);
        public static void Apply(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Add(a, b, d);
        public static void Apply(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Add(b, a, d);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "add";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            var g = tape.AdjointSpan(node);
            if (tape.NeedsGradient(n.A)) Broadcasting.AccumulateInto(tape, g, n.Shape, n.A);
            if (tape.NeedsGradient(n.B)) Broadcasting.AccumulateInto(tape, g, n.Shape, n.B);
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node) => Broadcasting.Recompute<T, Kernel<T>>(tape, node);

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.SumTo(n.A.Shape));
            tape.AccumulateGraph(n.B, grad.SumTo(n.B.Shape));
        }
    }
}
