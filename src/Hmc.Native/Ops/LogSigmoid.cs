using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise log-sigmoid: out = ln σ(x) = −softplus(−x), computed stably as min(x, 0) − log1p(e^−|x|);
/// ∂out/∂x = 1 − σ(x) = σ(−x). logsigmoid(−∞) = −∞, logsigmoid(+∞) = 0.
/// </summary>
public static class LogSigmoidOp
{
    /// <summary>Elementwise <c>ln(1/(1 + exp(−x)))</c>, the log-likelihood of a logistic success.</summary>
    public static Tensor<T> LogSigmoid<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "log-sigmoid", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        var values = x.Values;
        var d = result.MutableValues;
        var rented = ArrayPool<T>.Shared.Rent(values.Length);
        var tail = rented.AsSpan(0, values.Length);
        SoftplusOp.Log1pExpNegativeAbs(values, tail);
        TensorPrimitives.Min(values, T.Zero, d);
        TensorPrimitives.Subtract(d, tail, d);
        ArrayPool<T>.Shared.Return(rented);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "log-sigmoid";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var rented = ArrayPool<T>.Shared.Rent(ga.Length);
            var sigmoid = rented.AsSpan(0, ga.Length);
            TensorPrimitives.Negate(n.A.Values, sigmoid);
            TensorPrimitives.Sigmoid<T>(sigmoid, sigmoid);
            TensorPrimitives.FusedMultiplyAdd(tape.AdjointSpan(node), sigmoid, ga, ga);
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(n.A.Negate().Sigmoid()));
        }
    }
}
