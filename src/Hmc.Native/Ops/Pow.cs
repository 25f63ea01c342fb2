using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise power: out = xᵖ; ∂out/∂x = p·xᵖ⁻¹, ∂out/∂p = xᵖ·ln x. IEEE 754 <c>pow</c> semantics for the value
/// (a negative base with a non-integer exponent gives NaN, 0 to a negative power gives +∞). At x = 0 the
/// exponent derivative is taken as 0, the limit of xᵖ ln x for p &gt; 0 (as PyTorch does); for x &lt; 0 it is NaN.
/// </summary>
public static class PowOp
{
    /// <summary>Elementwise <c>x^exponent</c> with NumPy broadcasting; differentiable in both base and exponent.</summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast.</exception>
    public static Tensor<T> Pow<T>(this Tensor<T> x, Tensor<T> exponent) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "pow", nameof(x));
        OpResult.RequireTensor(exponent, "pow", nameof(exponent));
        Shape sx = x.Shape, sp = exponent.Shape, shape = Shape.Broadcast(sx, sp, "pow");
        var result = OpResult.New(TensorRule<T>.Instance, shape, x, exponent);
        Broadcasting.Binary<T, Kernel<T>>(x.Values, sx, exponent.Values, sp, result.MutableValues, shape);
        return OpResult.Done(result, TensorRule<T>.Instance);
    }

    /// <summary>Elementwise <c>x^exponent</c> for a fixed scalar exponent; differentiable in x.</summary>
    public static Tensor<T> Pow<T>(this Tensor<T> x, T exponent) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "pow", nameof(x));
        var result = OpResult.New(ScalarRule<T>.Instance, x.Shape, x);
        TensorPrimitives.Pow(x.Values, exponent, result.MutableValues);
        if (result.Tape is { } tape) tape.NodeAt(result.Id).S0 = exponent;
        return OpResult.Done(result, ScalarRule<T>.Instance);
    }

    private readonly struct Kernel<T> : IBinaryKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Apply(T a, T b) => T.Pow(a, b);
        public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Pow(a, b, d);
        public static void Apply(ReadOnlySpan<T> a, T b, Span<T> d) => TensorPrimitives.Pow(a, b, d);
        public static void Apply(T a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Pow(a, b, d);
    }

    /// <summary>(x, p) ↦ p·xᵖ⁻¹ written into the second span: (x, p−1) ↦ xᵖ⁻¹ first, then times p.</summary>
    private static void BaseDerivative<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Subtract(p, T.One, destination);
        TensorPrimitives.Pow<T>(x, destination, destination);
        TensorPrimitives.Multiply<T>(destination, p, destination);
    }

    /// <summary>(x, y, g) ↦ g·y·ln x, and 0 where x = 0.</summary>
    private readonly struct ExponentDerivative<T> : IVectorKernel3<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T logX, T y, T g) => T.IsNegativeInfinity(logX) ? T.Zero : g * y * logX;

        public Vector<T> Apply(Vector<T> logX, Vector<T> y, Vector<T> g) =>
            Vector.ConditionalSelect(Vector.Equals(logX, new Vector<T>(T.NegativeInfinity)), Vector<T>.Zero, g * y * logX);
    }

    /// <summary>x ↦ 1 where x ≠ 0, else 0.</summary>
    private readonly struct NonZero<T> : IVectorKernel1<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x) => Elementwise.OneWhere<T>(x != T.Zero);

        public Vector<T> Apply(Vector<T> x) => Vector.ConditionalSelect(Vector.Equals(x, Vector<T>.Zero), Vector<T>.Zero, Vector<T>.One);
    }

    private sealed class TensorRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly TensorRule<T> Instance = new();
        public override string Name => "pow";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            Shape shape = n.Shape;
            int length = shape.Length;
            var g = tape.AdjointSpan(node);
            var rented = ArrayPool<T>.Shared.Rent(3 * length);
            var x = rented.AsSpan(0, length);
            var p = rented.AsSpan(length, length);
            var tmp = rented.AsSpan(2 * length, length);
            Expand.To(n.A.Values, n.A.Shape, x, shape);
            Expand.To(n.B.Values, n.B.Shape, p, shape);
            if (tape.NeedsGradient(n.A))
            {
                BaseDerivative<T>(x, p, tmp);
                TensorPrimitives.Multiply<T>(tmp, g, tmp);
                Broadcasting.AccumulateReduced<T>(tmp, shape, tape.AdjointOf(n.A), n.A.Shape);
            }
            if (tape.NeedsGradient(n.B))
            {
                TensorPrimitives.Log<T>(x, tmp);
                Elementwise.Apply(default(ExponentDerivative<T>), tmp, tape.ValueSpan(node), g, tmp);
                Broadcasting.AccumulateReduced<T>(tmp, shape, tape.AdjointOf(n.B), n.B.Shape);
            }
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            if (tape.NeedsGradient(n.A))
                tape.AccumulateGraph(n.A, grad.Multiply(n.B).Multiply(n.A.Pow(n.B - T.One)).SumTo(n.A.Shape));
            if (tape.NeedsGradient(n.B))
            {
                // ln x with x = 0 replaced by 1, so that the term (and its derivatives) vanish there.
                var nonZero = Elementwise.ConstantOf(tape, n.A, default(NonZero<T>));
                var safeLog = TensorOps.Where(nonZero, n.A, nonZero.ScalarLike(T.One)).Log();
                var y = new Tensor<T>(tape, node);
                tape.AccumulateGraph(n.B, grad.Multiply(y).Multiply(safeLog).SumTo(n.B.Shape));
            }
        }
    }

    private sealed class ScalarRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly ScalarRule<T> Instance = new();
        public override string Name => "pow";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var rented = ArrayPool<T>.Shared.Rent(ga.Length);
            var derivative = rented.AsSpan(0, ga.Length);
            TensorPrimitives.Pow(n.A.Values, n.S0 - T.One, derivative);
            TensorPrimitives.Multiply<T>(derivative, n.S0, derivative);
            TensorPrimitives.FusedMultiplyAdd(tape.AdjointSpan(node), derivative, ga, ga);
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(n.A.Pow(n.S0 - T.One)) * n.S0);
        }
    }
}
