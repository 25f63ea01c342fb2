using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// The elementwise larger (<see cref="Maximum{T}"/>) or smaller (<see cref="Minimum{T}"/>) of two tensors, with
/// NumPy broadcasting. The gradient goes to the selected operand: to a where a ≥ b (maximum) or a ≤ b (minimum),
/// so ties send it to a; the second derivative is 0. A NaN operand gives NaN (IEEE 754 maximum/minimum), and
/// its gradient goes to b.
/// </summary>
public static class ExtremumOp
{
    /// <summary>Elementwise <c>max(a, b)</c> with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast.</exception>
    public static Tensor<T> Maximum<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "maximum", nameof(a));
        OpResult.RequireTensor(b, "maximum", nameof(b));
        Shape sa = a.Shape, sb = b.Shape, shape = Shape.Broadcast(sa, sb, "maximum");
        var result = OpResult.New(Rule<T>.Maximum, shape, a, b);
        Broadcasting.Binary<T, MaxKernel<T>>(a.Values, sa, b.Values, sb, result.MutableValues, shape);
        return OpResult.Done(result, Rule<T>.Maximum);
    }

    /// <summary>Elementwise <c>min(a, b)</c> with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast.</exception>
    public static Tensor<T> Minimum<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "minimum", nameof(a));
        OpResult.RequireTensor(b, "minimum", nameof(b));
        Shape sa = a.Shape, sb = b.Shape, shape = Shape.Broadcast(sa, sb, "minimum");
        var result = OpResult.New(Rule<T>.Minimum, shape, a, b);
        Broadcasting.Binary<T, MinKernel<T>>(a.Values, sa, b.Values, sb, result.MutableValues, shape);
        return OpResult.Done(result, Rule<T>.Minimum);
    }

    private readonly struct MaxKernel<T> : IBinaryKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Apply(T a, T b) => T.Max(a, b);
        public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Max(a, b, d);
        public static void Apply(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Max(a, b, d);
        public static void Apply(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Max(b, a, d);
    }

    private readonly struct MinKernel<T> : IBinaryKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Apply(T a, T b) => T.Min(a, b);
        public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Min(a, b, d);
        public static void Apply(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Min(a, b, d);
        public static void Apply(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Min(b, a, d);
    }

    /// <summary>(a, b) ↦ 1 where a is selected (a ≥ b for maximum, a ≤ b for minimum), else 0.</summary>
    private readonly struct PicksA<T>(bool maximum) : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T a, T b) => Elementwise.OneWhere<T>(maximum ? a >= b : a <= b);

        public Vector<T> Apply(Vector<T> a, Vector<T> b) =>
            Elementwise.OneWhere(maximum ? Vector.GreaterThanOrEqual(a, b) : Vector.LessThanOrEqual(a, b));
    }

    private sealed class Rule<T>(bool maximum) : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Maximum = new(true);
        public static readonly Rule<T> Minimum = new(false);
        public override string Name => maximum ? "maximum" : "minimum";

        /// <summary>mask (shape of the output) = 1 where a is selected.</summary>
        private void Mask(Node<T> n, Span<T> mask, Span<T> scratch)
        {
            Shape shape = n.Shape;
            Expand.To(n.A.Values, n.A.Shape, mask, shape);
            Expand.To(n.B.Values, n.B.Shape, scratch, shape);
            Elementwise.Apply(new PicksA<T>(maximum), mask, scratch, mask);
        }

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            int length = n.Shape.Length;
            var g = tape.AdjointSpan(node);
            var rented = ArrayPool<T>.Shared.Rent(2 * length);
            var mask = rented.AsSpan(0, length);
            var tmp = rented.AsSpan(length, length);
            Mask(n, mask, tmp);
            if (tape.NeedsGradient(n.A))
            {
                TensorPrimitives.Multiply<T>(mask, g, tmp);
                Broadcasting.AccumulateReduced<T>(tmp, n.Shape, tape.AdjointOf(n.A), n.A.Shape);
            }
            if (tape.NeedsGradient(n.B))
            {
                // g·(1 − mask) = g − g·mask
                TensorPrimitives.Multiply<T>(mask, g, tmp);
                TensorPrimitives.Subtract(g, tmp, tmp);
                Broadcasting.AccumulateReduced<T>(tmp, n.Shape, tape.AdjointOf(n.B), n.B.Shape);
            }
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var mask = tape.Filled(tape.NodeAt(node).Shape, T.Zero);
            var n = tape.NodeAt(node);
            var rented = ArrayPool<T>.Shared.Rent(n.Shape.Length);
            Mask(n, mask.MutableValues, rented.AsSpan(0, n.Shape.Length));
            ArrayPool<T>.Shared.Return(rented);
            var zero = grad.ScalarLike(T.Zero);
            if (tape.NeedsGradient(n.A)) tape.AccumulateGraph(n.A, TensorOps.Where(mask, grad, zero).SumTo(n.A.Shape));
            if (tape.NeedsGradient(n.B)) tape.AccumulateGraph(n.B, TensorOps.Where(mask, zero, grad).SumTo(n.B.Shape));
        }
    }
}
