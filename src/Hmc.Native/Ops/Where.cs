using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Operations on several tensors that do not read as a method of one of them.</summary>
public static partial class TensorOps
{
    /// <summary>
    /// Elementwise selection with NumPy broadcasting of all three shapes: out = a where
    /// <paramref name="condition"/> ≠ 0 (NaN counts as true), b elsewhere. ∂out/∂a = [c ≠ 0], ∂out/∂b = [c = 0];
    /// no gradient flows into the condition, which is treated as a constant even when it is recorded on a tape.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The three shapes cannot be broadcast together.</exception>
    public static Tensor<T> Where<T>(Tensor<T> condition, Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(condition, "where", nameof(condition));
        OpResult.RequireTensor(a, "where", nameof(a));
        OpResult.RequireTensor(b, "where", nameof(b));
        Shape sc = condition.Shape, sa = a.Shape, sb = b.Shape;
        var shape = Shape.Broadcast(Shape.Broadcast(sc, sa, "where"), sb, "where");
        var result = OpResult.New(WhereRule<T>.Instance, shape, a, b, condition);
        if (sc == shape && sa == shape && sb == shape)
        {
            Elementwise.Apply(default(Select<T>), condition.Values, a.Values, b.Values, result.MutableValues);
            return OpResult.Done(result, WhereRule<T>.Instance);
        }
        int length = shape.Length;
        var rented = ArrayPool<T>.Shared.Rent(3 * length);
        var c = Expanded(condition.Values, sc, rented.AsSpan(0, length), shape);
        var va = Expanded(a.Values, sa, rented.AsSpan(length, length), shape);
        var vb = Expanded(b.Values, sb, rented.AsSpan(2 * length, length), shape);
        Elementwise.Apply(default(Select<T>), c, va, vb, result.MutableValues);
        ArrayPool<T>.Shared.Return(rented);
        return OpResult.Done(result, WhereRule<T>.Instance);
    }

    /// <summary><paramref name="values"/> itself when it already has <paramref name="shape"/>, else its expansion into <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<T> Expanded<T>(ReadOnlySpan<T> values, Shape valuesShape, Span<T> buffer, Shape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (valuesShape == shape) return values;
        Expand.To(values, valuesShape, buffer, shape);
        return buffer;
    }

    /// <summary>(c, a, b) ↦ c ≠ 0 ? a : b.</summary>
    private readonly struct Select<T> : IVectorKernel3<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T c, T a, T b) => c != T.Zero ? a : b;

        public Vector<T> Apply(Vector<T> c, Vector<T> a, Vector<T> b) => Vector.ConditionalSelect(Vector.Equals(c, Vector<T>.Zero), b, a);
    }

    /// <summary>(c, g) ↦ c ≠ 0 ? g : 0, the gradient reaching a.</summary>
    private readonly struct WhereTrue<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T c, T g) => c != T.Zero ? g : T.Zero;

        public Vector<T> Apply(Vector<T> c, Vector<T> g) => Vector.ConditionalSelect(Vector.Equals(c, Vector<T>.Zero), Vector<T>.Zero, g);
    }

    /// <summary>(c, g) ↦ c = 0 ? g : 0, the gradient reaching b.</summary>
    private readonly struct WhereFalse<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T c, T g) => c == T.Zero ? g : T.Zero;

        public Vector<T> Apply(Vector<T> c, Vector<T> g) => Vector.ConditionalSelect(Vector.Equals(c, Vector<T>.Zero), g, Vector<T>.Zero);
    }

    private sealed class WhereRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly WhereRule<T> Instance = new();
        public override string Name => "where";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            bool needA = tape.NeedsGradient(n.A), needB = tape.NeedsGradient(n.B);
            if (!needA && !needB) return;
            Shape shape = n.Shape;
            int length = shape.Length;
            var g = tape.AdjointSpan(node);
            var rented = ArrayPool<T>.Shared.Rent(2 * length);
            var c = Expanded(n.C.Values, n.C.Shape, rented.AsSpan(0, length), shape);
            var tmp = rented.AsSpan(length, length);
            if (needA)
            {
                Elementwise.Apply(default(WhereTrue<T>), c, g, tmp);
                Broadcasting.AccumulateReduced<T>(tmp, shape, tape.AdjointOf(n.A), n.A.Shape);
            }
            if (needB)
            {
                Elementwise.Apply(default(WhereFalse<T>), c, g, tmp);
                Broadcasting.AccumulateReduced<T>(tmp, shape, tape.AdjointOf(n.B), n.B.Shape);
            }
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            var zero = grad.ScalarLike(T.Zero);
            if (tape.NeedsGradient(n.A)) tape.AccumulateGraph(n.A, Where(n.C, grad, zero).SumTo(n.A.Shape));
            if (tape.NeedsGradient(n.B)) tape.AccumulateGraph(n.B, Where(n.C, zero, grad).SumTo(n.B.Shape));
        }
    }
}
