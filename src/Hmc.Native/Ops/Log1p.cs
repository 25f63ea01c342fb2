using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise ln(1 + x), accurate for small |x|: out = log1p(x); ∂out/∂x = 1/(1 + x).
/// log1p(−1) = −∞, log1p(x &lt; −1) = NaN, log1p(+∞) = +∞.
/// </summary>
public static class Log1pOp
{
    /// <summary>
    /// Elementwise <c>ln(1 + x)</c> without the cancellation of forming 1 + x first: with u = fl(1 + x),
    /// log1p(x) = ln(u)·x/(u − 1) (Goldberg, "What every computer scientist should know about floating-point
    /// arithmetic", 1991, Theorem 4), and x itself when u = 1.
    /// </summary>
    public static Tensor<T> Log1p<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "log1p", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        Compute(x.Values, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>destination = log1p(x), vectorised; <paramref name="destination"/> may be <paramref name="x"/> itself.</summary>
    internal static void Compute<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rented = ArrayPool<T>.Shared.Rent(x.Length);
        var logU = rented.AsSpan(0, x.Length);
        TensorPrimitives.Add(x, T.One, logU);
        TensorPrimitives.Log(logU, logU);
        Elementwise.Apply(default(Correction<T>), x, logU, destination);
        ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>(x, ln u) ↦ log1p(x) with u = fl(1 + x).</summary>
    private readonly struct Correction<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x, T logU)
        {
            T u = x + T.One;
            if (u == T.One) return x;
            if (T.IsPositiveInfinity(u)) return logU;
            // ln(u)·x/(u−1), divided first so that large x cannot overflow the product.
            return logU * (x / (u - T.One));
        }

        public Vector<T> Apply(Vector<T> x, Vector<T> logU)
        {
            var u = x + Vector<T>.One;
            var general = logU * (x / (u - Vector<T>.One));
            var atInfinity = Vector.Equals(u, new Vector<T>(T.PositiveInfinity));
            return Vector.ConditionalSelect(Vector.Equals(u, Vector<T>.One), x, Vector.ConditionalSelect(atInfinity, logU, general));
        }
    }

    /// <summary>(x, g) ↦ g/(1 + x).</summary>
    private readonly struct Derivative<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x, T g) => g / (T.One + x);

        public Vector<T> Apply(Vector<T> x, Vector<T> g) => g / (Vector<T>.One + x);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "log1p";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Elementwise.Accumulate(default(Derivative<T>), n.A.Values, tape.AdjointSpan(node), tape.AdjointOf(n.A));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Divide(n.A + T.One));
        }
    }
}
