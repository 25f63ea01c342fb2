using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise rectified linear unit: out = max(x, 0); ∂out/∂x = 1 for x &gt; 0 and 0 for x ≤ 0 (0 at the kink,
/// as PyTorch); the second derivative is 0. relu(NaN) = NaN.
/// </summary>
public static class ReluOp
{
    /// <summary>Elementwise <c>max(x, 0)</c>.</summary>
    public static Tensor<T> Relu<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "relu", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        TensorPrimitives.Max(x.Values, T.Zero, result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>x ↦ 1 where x &gt; 0, else 0.</summary>
    private readonly struct Step<T> : IVectorKernel1<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x) => Elementwise.OneWhere<T>(x > T.Zero);

        public Vector<T> Apply(Vector<T> x) => Elementwise.OneWhere(Vector.GreaterThan(x, Vector<T>.Zero));
    }

    /// <summary>(x, g) ↦ g where x &gt; 0, else 0.</summary>
    private readonly struct Derivative<T> : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x, T g) => x > T.Zero ? g : T.Zero;

        public Vector<T> Apply(Vector<T> x, Vector<T> g) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), g, Vector<T>.Zero);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "relu";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Elementwise.Accumulate(default(Derivative<T>), n.A.Values, tape.AdjointSpan(node), tape.AdjointOf(n.A));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(Elementwise.ConstantOf(tape, n.A, default(Step<T>))));
        }
    }
}
