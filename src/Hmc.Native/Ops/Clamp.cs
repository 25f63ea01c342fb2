using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise clamp to an interval: out = min(max(x, lo), hi); ∂out/∂x = 1 for lo ≤ x ≤ hi (bounds included,
/// as PyTorch) and 0 outside; the second derivative is 0. clamp(NaN) = NaN with derivative 0.
/// </summary>
public static class ClampOp
{
    /// <summary>Elementwise <c>min(max(x, min), max)</c>; pass ±∞ for a one-sided clamp.</summary>
    /// <exception cref="ArgumentException"><paramref name="min"/> &gt; <paramref name="max"/>, or a bound is NaN.</exception>
    public static Tensor<T> Clamp<T>(this Tensor<T> x, T min, T max) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "clamp", nameof(x));
        if (T.IsNaN(min) || T.IsNaN(max) || min > max)
            throw new ArgumentException($"clamp: the bounds must satisfy min ≤ max; got min = {min}, max = {max}.", nameof(min));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        var d = result.MutableValues;
        TensorPrimitives.Max(x.Values, min, d);
        TensorPrimitives.Min<T>(d, max, d);
        if (result.Tape is { } tape)
        {
            ref var node = ref tape.NodeAt(result.Id);
            node.S0 = min;
            node.S1 = max;
        }
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>(x, g) ↦ g where lo ≤ x ≤ hi, else 0.</summary>
    private readonly struct Derivative<T>(T lo, T hi) : IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x, T g) => x >= lo && x <= hi ? g : T.Zero;

        public Vector<T> Apply(Vector<T> x, Vector<T> g) =>
            Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, new Vector<T>(lo)) & Vector.LessThanOrEqual(x, new Vector<T>(hi)), g, Vector<T>.Zero);
    }

    /// <summary>x ↦ 1 where lo ≤ x ≤ hi, else 0.</summary>
    private readonly struct Inside<T>(T lo, T hi) : IVectorKernel1<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x) => Elementwise.OneWhere<T>(x >= lo && x <= hi);

        public Vector<T> Apply(Vector<T> x) =>
            Elementwise.OneWhere(Vector.GreaterThanOrEqual(x, new Vector<T>(lo)) & Vector.LessThanOrEqual(x, new Vector<T>(hi)));
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "clamp";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Elementwise.Accumulate(new Derivative<T>(n.S0, n.S1), n.A.Values, tape.AdjointSpan(node), tape.AdjointOf(n.A));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(Elementwise.ConstantOf(tape, n.A, new Inside<T>(n.S0, n.S1))));
        }
    }
}
