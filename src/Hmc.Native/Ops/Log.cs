using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise natural logarithm: out = ln x; ∂out/∂x = 1/x. ln 0 = −∞, ln of a negative number = NaN.</summary>
public static class LogOp
{
    /// <summary>Elementwise <c>ln(x)</c>.</summary>
    public static Tensor<T> Log<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "log", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        TensorPrimitives.Log(x.Values, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "log";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var g = tape.AdjointSpan(node);
            var x = n.A.Values;
            for (int i = 0; i < ga.Length; i++) ga[i] += g[i] / x[i];
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Divide(n.A));
        }
    }
}
