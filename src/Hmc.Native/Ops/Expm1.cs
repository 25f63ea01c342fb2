using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise eˣ − 1, accurate for small |x|: out = expm1(x); ∂out/∂x = eˣ = out + 1.
/// expm1(−∞) = −1, expm1(+∞) = +∞; overflows to +∞ above ln(MaxValue).
/// </summary>
public static class Expm1Op
{
    /// <summary>
    /// Elementwise <c>exp(x) − 1</c> without cancellation near 0: with u = fl(eˣ), expm1(x) = (u − 1)·x/ln u
    /// (Kahan's method; Higham, "Accuracy and Stability of Numerical Algorithms", 2002, §1.14.1), x itself when
    /// u = 1, and −1 when u − 1 = −1.
    /// </summary>
    public static Tensor<T> Expm1<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "expm1", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        var values = x.Values;
        var d = result.MutableValues;
        var rented = ArrayPool<T>.Shared.Rent(values.Length);
        var logU = rented.AsSpan(0, values.Length);
        TensorPrimitives.Exp(values, d);
        TensorPrimitives.Log(d, logU);
        Elementwise.Apply(default(Correction<T>), values, d, logU, d);
        ArrayPool<T>.Shared.Return(rented);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>(x, u, ln u) ↦ expm1(x) with u = fl(eˣ).</summary>
    private readonly struct Correction<T> : IVectorKernel3<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x, T u, T logU)
        {
            if (u == T.One) return x;
            T um1 = u - T.One;
            if (um1 == -T.One || T.IsPositiveInfinity(u)) return um1;
            return um1 * (x / logU);
        }

        public Vector<T> Apply(Vector<T> x, Vector<T> u, Vector<T> logU)
        {
            var um1 = u - Vector<T>.One;
            var general = um1 * (x / logU);
            var plain = Vector.BitwiseOr(Vector.Equals(um1, -Vector<T>.One), Vector.Equals(u, new Vector<T>(T.PositiveInfinity)));
            return Vector.ConditionalSelect(Vector.Equals(u, Vector<T>.One), x, Vector.ConditionalSelect(plain, um1, general));
        }
    }

    /// <summary>(y, g) ↦ g·(y + 1).</summary>
    private readonly struct Derivative<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T y, T g) => g * (y + T.One);

        public Vector<T> Apply(Vector<T> y, Vector<T> g) => g * (y + Vector<T>.One);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "expm1";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Elementwise.Accumulate(default(Derivative<T>), tape.ValueSpan(node), tape.AdjointSpan(node), tape.AdjointOf(n.A));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad) =>
            tape.AccumulateGraph(tape.NodeAt(node).A, grad.Multiply(new Tensor<T>(tape, node) + T.One));
    }
}
