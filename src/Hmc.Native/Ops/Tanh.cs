using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise hyperbolic tangent: out = tanh x; ∂out/∂x = 1 − out². tanh(±∞) = ±1.</summary>
public static class TanhOp
{
    /// <summary>Elementwise <c>tanh(x)</c>.</summary>
    public static Tensor<T> Tanh<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "tanh", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        TensorPrimitives.Tanh(x.Values, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>(y, g) ↦ (1 − y²)·g.</summary>
    private readonly struct Derivative<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T y, T g) => (T.One - y * y) * g;

        public Vector<T> Apply(Vector<T> y, Vector<T> g) => (Vector<T>.One - y * y) * g;
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "tanh";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Elementwise.Accumulate(default(Derivative<T>), tape.ValueSpan(node), tape.AdjointSpan(node), tape.AdjointOf(n.A));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var y = new Tensor<T>(tape, node);
            tape.AccumulateGraph(tape.NodeAt(node).A, grad.Multiply(T.One - y.Square()));
        }
    }
}
