using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Bayes;

/// <summary>
/// The categorical log-likelihood of logits in one fused operation: ℓ = Σ_i (f_i[y_i] − log Σ_c e^{f_ic}) for logits
/// f [N, C] and class labels y (stored as numbers). ∂ℓ/∂f_ic = 1[c = y_i] − softmax(f_i)_c, computed in O(NC) with
/// the maximum subtracted for stability. A label outside 0..C−1 throws. The recorded backward (nested
/// differentiation) writes the same adjoint with a recorded softmax, so ∂²ℓ/∂f_i² = −(diag(p_i) − p_i p_iᵀ) follows.
/// </summary>
public static class CrossEntropyOp
{
    /// <summary>Σ_i log softmax(<paramref name="logits"/>_i)[<paramref name="labels"/>_i], a scalar.</summary>
    /// <exception cref="ArgumentException">The logits are not [N, C], the labels not [N], or a label is out of range.</exception>
    public static Tensor<T> CategoricalLogLikelihood<T>(this Tensor<T> logits, Tensor<T> labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shape s = logits.Shape;
        if (s.Rank != 2) throw new ArgumentException($"Categorical likelihood: the logits must be [N, C]; got {s}.", nameof(logits));
        if (labels.Shape != Shape.Vector(s[0])) throw new ShapeMismatchException("categorical likelihood", s, labels.Shape, "one label per row is needed");
        int n = s[0], c = s[1];
        var y = labels.Values;
        for (int i = 0; i < n; i++)
        {
            double label = double.CreateTruncating(y[i]);
            if (label < 0 || label >= c || label != Math.Floor(label))
                throw new ArgumentException($"Categorical likelihood: label {label} of row {i} is not a class in 0..{c - 1}.", nameof(labels));
        }
        var result = OpResult.New(Rule<T>.Instance, Shape.Scalar, logits, labels);
        var f = logits.Values;
        T total = T.Zero;
        for (int i = 0; i < n; i++)
        {
            var row = f.Slice(i * c, c);
            T max = TensorPrimitives.Max(row);
            T sum = T.Zero;
            for (int k = 0; k < c; k++) sum += T.Exp(row[k] - max);
            total += row[int.CreateTruncating(y[i])] - max - T.Log(sum);
        }
        result.MutableValues[0] = total;
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "categorical-log-likelihood";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            T g = tape.AdjointSpan(node)[0];
            var f = nd.A.Values;
            var y = nd.B.Values;
            var ga = tape.AdjointOf(nd.A);
            int n = nd.A.Shape[0], c = nd.A.Shape[1];
            for (int i = 0; i < n; i++)
            {
                var row = f.Slice(i * c, c);
                var grow = ga.Slice(i * c, c);
                T max = TensorPrimitives.Max(row);
                T sum = T.Zero;
                for (int k = 0; k < c; k++) sum += T.Exp(row[k] - max);
                T scale = -g / sum;
                for (int k = 0; k < c; k++) grow[k] += scale * T.Exp(row[k] - max);
                grow[int.CreateTruncating(y[i])] += g;
            }
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var nd = tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            int n = nd.A.Shape[0], c = nd.A.Shape[1];
            var oneHot = new T[n * c];
            var y = nd.B.Values;
            for (int i = 0; i < n; i++) oneHot[(i * c) + int.CreateTruncating(y[i])] = T.One;
            // ∂ℓ/∂f = (onehot(y) − softmax(f))·∂L/∂ℓ.
            tape.AccumulateGraph(nd.A, (tape.Constant(oneHot, nd.A.Shape) - nd.A.Softmax()) * grad);
        }
    }
}
