using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise negation: out = −x; ∂out/∂x = −1.</summary>
public static class NegateOp
{
    /// <summary>Elementwise <c>−x</c>.</summary>
    public static Tensor<T> Negate<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "negate", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        Compute(x.Values, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private static void Compute<T>(ReadOnlySpan<T> x, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (values.Length == 1) values[0] = -x[0];
        else TensorPrimitives.Negate(x, values);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "negate";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            if (ga.Length == 1) ga[0] -= tape.AdjointSpan(node)[0];
            else TensorPrimitives.Subtract(ga, tape.AdjointSpan(node), ga);
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node) => Compute(tape.NodeAt(node).A.Values, tape.ValueSpan(node));

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad) =>
            tape.AccumulateGraph(tape.NodeAt(node).A, grad.Negate());
    }
}
