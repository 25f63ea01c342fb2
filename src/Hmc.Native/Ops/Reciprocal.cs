using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise reciprocal: out = 1/x; ∂out/∂x = −1/x² = −out². 1/±0 = ±∞, 1/±∞ = ±0.</summary>
public static class ReciprocalOp
{
    /// <summary>Elementwise <c>1/x</c>.</summary>
    public static Tensor<T> Reciprocal<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "reciprocal", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        TensorPrimitives.Reciprocal(x.Values, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>(y, g) ↦ −y²·g.</summary>
    private readonly struct Derivative<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T y, T g) => -(y * y * g);

        public Vector<T> Apply(Vector<T> y, Vector<T> g) => -(y * y * g);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "reciprocal";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Elementwise.Accumulate(default(Derivative<T>), tape.ValueSpan(node), tape.AdjointSpan(node), tape.AdjointOf(n.A));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad) =>
            tape.AccumulateGraph(tape.NodeAt(node).A, grad.Multiply(new Tensor<T>(tape, node).Square()).Negate());
    }
}
