using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise absolute value: out = |x|; ∂out/∂x = sign(x), taken as 0 at x = 0 (the subgradient PyTorch uses);
/// the second derivative is 0. |NaN| = NaN and its derivative is NaN.
/// </summary>
public static class AbsOp
{
    /// <summary>Elementwise <c>|x|</c>.</summary>
    public static Tensor<T> Abs<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "abs", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        TensorPrimitives.Abs(x.Values, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>x ↦ sign(x) ∈ {−1, 0, 1}, NaN for NaN.</summary>
    private readonly struct Sign<T> : IVectorKernel1<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x) => T.IsNaN(x) ? x : x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;

        public Vector<T> Apply(Vector<T> x)
        {
            var positive = Elementwise.OneWhere(Vector.GreaterThan(x, Vector<T>.Zero));
            var negative = Elementwise.OneWhere(Vector.LessThan(x, Vector<T>.Zero));
            return Vector.ConditionalSelect(Vector.Equals(x, x), positive - negative, x);
        }
    }

    /// <summary>(x, g) ↦ sign(x)·g.</summary>
    private readonly struct Derivative<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x, T g) => default(Sign<T>).Apply(x) * g;

        public Vector<T> Apply(Vector<T> x, Vector<T> g) => default(Sign<T>).Apply(x) * g;
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "abs";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Elementwise.Accumulate(default(Derivative<T>), n.A.Values, tape.AdjointSpan(node), tape.AdjointOf(n.A));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(Elementwise.ConstantOf(tape, n.A, default(Sign<T>))));
        }
    }
}
