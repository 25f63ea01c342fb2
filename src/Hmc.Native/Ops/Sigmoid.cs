using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise logistic function: out = σ(x) = 1/(1 + e⁻ˣ); ∂out/∂x = out·(1 − out). σ(−∞) = 0, σ(+∞) = 1.</summary>
public static class SigmoidOp
{
    /// <summary>Elementwise <c>σ(x) = 1/(1 + exp(−x))</c>.</summary>
    public static Tensor<T> Sigmoid<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "sigmoid", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        TensorPrimitives.Sigmoid(x.Values, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>(y, g) ↦ y(1 − y)·g.</summary>
    private readonly struct Derivative<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T y, T g) => y * (T.One - y) * g;

        public Vector<T> Apply(Vector<T> y, Vector<T> g) => y * (Vector<T>.One - y) * g;
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "sigmoid";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Elementwise.Accumulate(default(Derivative<T>), tape.ValueSpan(node), tape.AdjointSpan(node), tape.AdjointOf(n.A));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var y = new Tensor<T>(tape, node);
            tape.AccumulateGraph(tape.NodeAt(node).A, grad.Multiply(y * (T.One - y)));
        }
    }
}
