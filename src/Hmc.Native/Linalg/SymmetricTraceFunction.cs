using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// tr F(A) = Σ_k f(λ_k) for a symmetric A = QΛQᵀ (the symmetric part of the input is used), e.g. log det G = tr log G.
/// Its gradient is ∂ tr F(A)/∂A = Q diag(f′(λ)) Qᵀ, the diagonal of the Daleckii–Krein derivative, so it is well
/// defined when eigenvalues coincide. The recorded (second-order) backward is not provided.
/// </summary>
public static class SymmetricTraceFunctionOp
{
    /// <summary>Σ_k f(λ_k) over the eigenvalues of <paramref name="a"/>, reusing <paramref name="spectrum"/> when given.</summary>
    /// <exception cref="ArgumentException"><paramref name="spectrum"/> is of another order than <paramref name="a"/>.</exception>
    public static Tensor<double> SymmetricTraceFunction(this Tensor<double> a, IMatrixFunction function, SymmetricSpectrum? spectrum = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        OpResult.RequireTensor(a, "trace-function", nameof(a));
        int n = MatrixArguments.SquareOrder(a.Shape, "trace-function", nameof(a));
        spectrum ??= SymmetricSpectrum.Of(a);
        if (spectrum.Order != n) throw new ArgumentException($"The spectrum is of order {spectrum.Order}; the matrix is {n}×{n}.", nameof(spectrum));
        var result = OpResult.New(Rule.Instance, Shape.Scalar, a);
        result.MutableValues[0] = Trace(spectrum, function);
        if (result.Tape is { } tape) tape.NodeAt(result.Id).Payload = new Payload(spectrum, function);
        return OpResult.Done(result, Rule.Instance);
    }

    private static double Trace(SymmetricSpectrum spectrum, IMatrixFunction function)
    {
        double sum = 0;
        foreach (double lambda in spectrum.Values) sum += function.Value(lambda);
        return sum;
    }

    private sealed record Payload(SymmetricSpectrum Spectrum, IMatrixFunction Function);

    private sealed class Rule : Op<double>
    {
        public static readonly Rule Instance = new();
        public override string Name => "trace-function";

        public override bool CanRecompute => true;

        public override void Recompute(Tape<double> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            var (spectrum, function) = (Payload)nd.Payload!;
            spectrum.Refresh(nd.A.Values);
            tape.ValueSpan(node)[0] = Trace(spectrum, function);
        }

        public override void Backward(Tape<double> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            var (spectrum, function) = (Payload)nd.Payload!;
            double g = tape.AdjointSpan(node)[0];
            Span<double> w = spectrum.Order <= 256 ? stackalloc double[spectrum.Order] : new double[spectrum.Order];
            for (int k = 0; k < w.Length; k++) w[k] = g * function.Derivative(spectrum.Values[k]);
            spectrum.AddReconstruction(w, tape.AdjointOf(nd.A));
        }

        public override void BackwardGraph(Tape<double> tape, int node, Tensor<double> grad) =>
            throw new NotSupportedException("Recorded derivatives of a symmetric trace function (second order in the matrix) are not provided.");
    }
}
