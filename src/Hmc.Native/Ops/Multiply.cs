using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise product with broadcasting: out = a·b; ∂out/∂a = b, ∂out/∂b = a.</summary>
public static class MultiplyOp
{
    /// <summary>Elementwise <c>a · b</c> with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast.</exception>
    public static Tensor<T> Multiply<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Broadcasting.Apply<T, Kernel<T>>(Rule<T>.Instance, a, b);

    internal readonly struct Kernel<T> : IBinaryKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Apply(T a, T b) => a * b;
        public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Multiply(a, b, d);
        public static void Apply(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Multiply(a, b, d);
        public static void Apply(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Multiply(b, a, d);
    }

    /// <summary>The adjoint of <paramref name="input"/> += reduce(g ⊙ other), the adjoint of one factor of a broadcast product.</summary>
    internal static void AccumulateProduct<T>(Tape<T> tape, ReadOnlySpan<T> g, in Shape outShape, Tensor<T> other, Tensor<T> input)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var o = other.Values;
        var target = tape.AdjointOf(input);
        if (g.Length == 1 && o.Length == 1 && target.Length == 1) { target[0] = T.FusedMultiplyAdd(g[0], o[0], target[0]); return; }
        if (target.Length == g.Length && o.Length == g.Length) { TensorPrimitives.FusedMultiplyAdd(g, o, target, target); return; }
        if (target.Length == g.Length && o.Length == 1) { TensorPrimitives.MultiplyAdd(g, o[0], target, target); return; }
        if (target.Length == 1 && o.Length == g.Length) { target[0] += TensorPrimitives.Dot(g, o); return; }
        Shape so = other.Shape;
        var rented = ArrayPool<T>.Shared.Rent(g.Length);
        var tmp = rented.AsSpan(0, g.Length);
        Broadcasting.Binary<T, Kernel<T>>(g, outShape, o, so, tmp, outShape);
        Broadcasting.AccumulateReduced(tmp, outShape, target, input.Shape);
        ArrayPool<T>.Shared.Return(rented);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "multiply";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            var g = tape.AdjointSpan(node);
            if (tape.NeedsGradient(n.A)) AccumulateProduct(tape, g, n.Shape, n.B, n.A);
            if (tape.NeedsGradient(n.B)) AccumulateProduct(tape, g, n.Shape, n.A, n.B);
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node) => Broadcasting.Recompute<T, Kernel<T>>(tape, node);

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            if (tape.NeedsGradient(n.A)) tape.AccumulateGraph(n.A, grad.Multiply(n.B).SumTo(n.A.Shape));
            if (tape.NeedsGradient(n.B)) tape.AccumulateGraph(n.B, grad.Multiply(n.A).SumTo(n.B.Shape));
        }
    }
}
