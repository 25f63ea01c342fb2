using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise square root: out = √x; ∂out/∂x = 1/(2√x). √x = NaN for x &lt; 0; at x = 0 the derivative is +∞.
/// </summary>
public static class SqrtOp
{
    /// <summary>Elementwise <c>√x</c>.</summary>
    public static Tensor<T> Sqrt<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "sqrt", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        TensorPrimitives.Sqrt(x.Values, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>(y, g) ↦ g/(2y).</summary>
    private readonly struct Derivative<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T y, T g) => g / (y + y);

        public Vector<T> Apply(Vector<T> y, Vector<T> g) => g / (y + y);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "sqrt";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Elementwise.Accumulate(default(Derivative<T>), tape.ValueSpan(node), tape.AdjointSpan(node), tape.AdjointOf(n.A));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var y = new Tensor<T>(tape, node);
            tape.AccumulateGraph(tape.NodeAt(node).A, grad.Divide(y + y));
        }
    }
}
