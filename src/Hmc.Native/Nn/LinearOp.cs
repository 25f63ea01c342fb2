using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// The affine map of a fully connected layer, PyTorch's <c>linear</c>: y = x·Wᵀ + b with W [out, in], applied to
/// the last axis of x (every leading axis is a batch axis).
/// </summary>
/// <remarks>
/// Forward and backward are matrix products by <see cref="Gemm"/>, split by rows over the cores of the tape's
/// <see cref="CpuParallelism"/> when large:
/// ∂L/∂x = G·W, ∂L/∂W = Gᵀ·x, ∂L/∂b = Σ_rows G (G = ∂L/∂y as an [rows, out] matrix).
/// The weights and the bias are read from, and their gradients added into, ranges of possibly larger tensors
/// (the flat parameter vector of a <see cref="Module{T}"/>). The recorded backward (nested differentiation: Hessians and
/// third derivatives of a network) writes the same three adjoints with recorded matrix products, a slice of the weights
/// and a zero padding of their gradients into the source. NaN and infinity propagate.
/// </remarks>
public static class LinearOp
{
    /// <summary>x·Wᵀ + b for <paramref name="input"/> [..., in], <paramref name="weight"/> [out, in] and an optional <paramref name="bias"/> [out]; the result is [..., out].</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not fit together.</exception>
    public static Tensor<T> Linear<T>(this Tensor<T> input, Tensor<T> weight, Tensor<T> bias = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(weight, "linear", nameof(weight));
        Shape sw = weight.Shape;
        if (sw.Rank != 2)
            throw new ShapeMismatchException("linear", input.Shape, sw, "the weight must be a matrix [out, in]");
        if (!bias.IsNone && bias.Shape != Shape.Vector(sw[0]))
            throw new ShapeMismatchException("linear", sw, bias.Shape, $"the bias must be a vector of the {sw[0]} outputs");
        return Linear(input, weight, 0, bias, bias.IsNone ? -1 : 0, sw[1], sw[0]);
    }

    /// <summary>
    /// The affine map with its weights at <paramref name="weightOffset"/> of <paramref name="weights"/> (row-major
    /// [out, in]) and its bias at <paramref name="biasOffset"/> of <paramref name="bias"/> (none when the bias
    /// tensor is the default value).
    /// </summary>
    internal static unsafe Tensor<T> Linear<T>(Tensor<T> input, Tensor<T> weights, int weightOffset, Tensor<T> bias, int biasOffset,
        int inFeatures, int outFeatures) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(input, "linear", nameof(input));
        Shape sx = input.Shape;
        if (sx.Rank == 0 || sx[-1] != inFeatures)
            throw new ShapeMismatchException("linear", sx, new Shape(outFeatures, inFeatures),
                $"the last axis of the input must have the {inFeatures} input features");
        ParameterRange.Check(weights, weightOffset, outFeatures * inFeatures, "weight");
        if (!bias.IsNone) ParameterRange.Check(bias, biasOffset, outFeatures, "bias");
        int rows = sx.Length / inFeatures;
        var result = OpResult.New(Rule<T>.Instance, sx.WithDimension(sx.Rank - 1, outFeatures), input, weights, bias);
        if (result.Tape is { } tape)
        {
            ref var node = ref tape.NodeAt(result.Id);
            node.I0 = weightOffset;
            node.I1 = biasOffset;
        }
        var y = result.MutableValues;
        if (bias.IsNone) y.Clear();
        else
        {
            var b = bias.Values.Slice(biasOffset, outFeatures);
            for (int r = 0; r < rows; r++) b.CopyTo(y.Slice(r * outFeatures, outFeatures));
        }
        fixed (T* px = input.Values, pw = weights.Values.Slice(weightOffset, outFeatures * inFeatures), py = y)
            Gemm.ParallelMultiplyAdd(OpResult.Parallelism(result), rows, outFeatures, inFeatures, px, inFeatures, 1, pw, 1, inFeatures, py, outFeatures);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "linear";

        public override unsafe void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            int inFeatures = n.A.Shape[-1], outFeatures = n.Shape[-1], rows = n.Length / outFeatures;
            var gy = tape.AdjointSpan(node);
            if (!n.C.IsNone && tape.NeedsGradient(n.C))
            {
                var db = tape.AdjointOf(n.C).Slice(n.I1, outFeatures);
                for (int r = 0; r < rows; r++) TensorPrimitives.Add(db, gy.Slice(r * outFeatures, outFeatures), db);
            }
            var w = n.B.Values.Slice(n.I0, outFeatures * inFeatures);
            if (tape.NeedsGradient(n.A))
            {
                fixed (T* pgy = gy, pw = w, pdx = tape.AdjointOf(n.A))
                    Gemm.ParallelMultiplyAdd(tape.Parallelism, rows, inFeatures, outFeatures, pgy, outFeatures, 1, pw, inFeatures, 1, pdx, inFeatures);
            }
            if (tape.NeedsGradient(n.B))
            {
                fixed (T* pgy = gy, px = n.A.Values, pdw = tape.AdjointOf(n.B).Slice(n.I0, outFeatures * inFeatures))
                    Gemm.ParallelMultiplyAdd(tape.Parallelism, outFeatures, inFeatures, rows, pgy, 1, outFeatures, px, inFeatures, 1, pdw, inFeatures);
            }
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            int inFeatures = n.A.Shape[-1], outFeatures = n.Shape[-1], rows = n.Length / outFeatures;
            var g = grad.Reshape(rows, outFeatures);
            // ∂L/∂x = G·W.
            if (tape.NeedsGradient(n.A))
                tape.AccumulateGraph(n.A, g.MatMul(ParameterRange.View(n.B, n.I0, new Shape(outFeatures, inFeatures))).Reshape(n.A.Shape));
            // ∂L/∂W = Gᵀ·x.
            if (tape.NeedsGradient(n.B))
                tape.AccumulateGraph(n.B, ParameterRange.Embed(g.Transpose().MatMul(n.A.Reshape(rows, inFeatures)), n.B, n.I0));
            // ∂L/∂b = Σ_rows G.
            if (!n.C.IsNone && tape.NeedsGradient(n.C))
                tape.AccumulateGraph(n.C, ParameterRange.Embed(g.Sum(0), n.C, n.I1));
        }
    }
}
