using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise cosine: out = cos x; ∂out/∂x = −sin x. cos(±∞) = NaN.</summary>
public static class CosOp
{
    /// <summary>Elementwise <c>cos(x)</c> (radians).</summary>
    public static Tensor<T> Cos<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "cos", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        TensorPrimitives.Cos(x.Values, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "cos";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var rented = ArrayPool<T>.Shared.Rent(ga.Length);
            var sin = rented.AsSpan(0, ga.Length);
            TensorPrimitives.Sin(n.A.Values, sin);
            // ga += −sin(x)·g, written as ga − sin(x)·g.
            TensorPrimitives.Multiply(sin, tape.AdjointSpan(node), sin);
            TensorPrimitives.Subtract(ga, sin, ga);
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(n.A.Sin()).Negate());
        }
    }
}
