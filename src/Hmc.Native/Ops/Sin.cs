using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Elementwise sine: out = sin x; ∂out/∂x = cos x. sin(±∞) = NaN.</summary>
public static class SinOp
{
    /// <summary>Elementwise <c>sin(x)</c> (radians).</summary>
    public static Tensor<T> Sin<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "sin", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        TensorPrimitives.Sin(x.Values, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "sin";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var rented = ArrayPool<T>.Shared.Rent(ga.Length);
            var cos = rented.AsSpan(0, ga.Length);
            TensorPrimitives.Cos(n.A.Values, cos);
            TensorPrimitives.FusedMultiplyAdd(tape.AdjointSpan(node), cos, ga, ga);
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(n.A.Cos()));
        }
    }
}
