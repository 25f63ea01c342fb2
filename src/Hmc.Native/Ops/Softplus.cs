using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise softplus: out = ln(1 + eˣ), computed stably as max(x, 0) + log1p(e^−|x|) so that it neither
/// overflows for large x nor loses digits for very negative x; ∂out/∂x = σ(x). softplus(−∞) = 0,
/// softplus(+∞) = +∞.
/// </summary>
public static class SoftplusOp
{
    /// <summary>Elementwise <c>ln(1 + exp(x))</c>.</summary>
    public static Tensor<T> Softplus<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "softplus", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        var values = x.Values;
        var d = result.MutableValues;
        var rented = ArrayPool<T>.Shared.Rent(values.Length);
        var tail = rented.AsSpan(0, values.Length);
        Log1pExpNegativeAbs(values, tail);
        TensorPrimitives.Max(values, T.Zero, d);
        TensorPrimitives.Add(d, tail, d);
        ArrayPool<T>.Shared.Return(rented);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>destination = log1p(exp(−|x|)), the bounded part (in [0, ln 2]) of softplus and log-sigmoid.</summary>
    internal static void Log1pExpNegativeAbs<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Abs(x, destination);
        TensorPrimitives.Negate<T>(destination, destination);
        TensorPrimitives.Exp<T>(destination, destination);
        Log1pOp.Compute<T>(destination, destination);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "softplus";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var rented = ArrayPool<T>.Shared.Rent(ga.Length);
            var sigmoid = rented.AsSpan(0, ga.Length);
            TensorPrimitives.Sigmoid(n.A.Values, sigmoid);
            TensorPrimitives.FusedMultiplyAdd(tape.AdjointSpan(node), sigmoid, ga, ga);
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(n.A.Sigmoid()));
        }
    }
}
