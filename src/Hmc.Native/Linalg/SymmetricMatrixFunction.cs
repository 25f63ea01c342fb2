using System.Buffers;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// F(A) = Q diag(f(λ)) Qᵀ for a symmetric A = QΛQᵀ (the symmetric part of the input is used). Its derivative is the
/// Daleckii–Krein formula dF = Q (J ∘ (Qᵀ dA Q)) Qᵀ with J_ij = (f(λ_i) − f(λ_j))/(λ_i − λ_j) and J_ii = f′(λ_i)
/// (Betancourt 2013, eq. 10–12, for SoftAbs). Unlike derivatives through the eigenvectors, it is well defined when
/// eigenvalues coincide — the funnel's Hessian has a ten-fold repeated eigenvalue. The recorded (second-order)
/// backward is not provided.
/// </summary>
public static class SymmetricMatrixFunctionOp
{
    /// <summary>Relative gap below which two eigenvalues count as equal and J uses f′ at their mean.</summary>
    private const double CoincidenceTolerance = 1e-9;

    /// <summary>Applies <paramref name="function"/> to the symmetric matrix <paramref name="a"/>, reusing <paramref name="spectrum"/> when given.</summary>
    /// <exception cref="ArgumentException"><paramref name="spectrum"/> is of another order than <paramref name="a"/>.</exception>
    public static Tensor<double> SymmetricMatrixFunction(this Tensor<double> a, IMatrixFunction function, SymmetricSpectrum? spectrum = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        OpResult.RequireTensor(a, "matrix-function", nameof(a));
        int n = MatrixArguments.SquareOrder(a.Shape, "matrix-function", nameof(a));
        spectrum ??= SymmetricSpectrum.Of(a);
        if (spectrum.Order != n) throw new ArgumentException($"The spectrum is of order {spectrum.Order}; the matrix is {n}×{n}.", nameof(spectrum));
        var result = OpResult.New(Rule.Instance, a.Shape, a);
        Compute(spectrum, function, result.MutableValues);
        if (result.Tape is { } tape) tape.NodeAt(result.Id).Payload = new Payload(spectrum, function);
        return OpResult.Done(result, Rule.Instance);
    }

    private static void Compute(SymmetricSpectrum spectrum, IMatrixFunction function, Span<double> f)
    {
        int n = spectrum.Order;
        f.Clear();
        Span<double> values = n <= 256 ? stackalloc double[n] : new double[n];
        for (int k = 0; k < n; k++) values[k] = function.Value(spectrum.Values[k]);
        spectrum.AddReconstruction(values, f);
    }

    private sealed record Payload(SymmetricSpectrum Spectrum, IMatrixFunction Function);

    private sealed class Rule : Op<double>
    {
        public static readonly Rule Instance = new();
        public override string Name => "matrix-function";

        public override bool CanRecompute => true;

        public override void Recompute(Tape<double> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            var (spectrum, function) = (Payload)nd.Payload!;
            spectrum.Refresh(nd.A.Values);
            Compute(spectrum, function, tape.ValueSpan(node));
        }

        public override void Backward(Tape<double> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            var (spectrum, function) = (Payload)nd.Payload!;
            var q = spectrum.Vectors;
            var lambda = spectrum.Values;
            int n = lambda.Length;
            var g = tape.AdjointSpan(node);
            // B = Qᵀ sym(Ḡ) Q, then B ∘ J, then Ā += Q B Qᵀ.
            var rented = ArrayPool<double>.Shared.Rent(3 * n * n + n);
            var sym = rented.AsSpan(0, n * n);
            var t = rented.AsSpan(n * n, n * n);
            var b = rented.AsSpan(2 * n * n, n * n);
            var f = rented.AsSpan(3 * n * n, n);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) sym[i * n + j] = 0.5 * (g[i * n + j] + g[j * n + i]);
            t.Clear();
            Gemm.MultiplyAdd<double>(sym, false, q, false, t, n, n, n, tape.Parallelism);
            b.Clear();
            Gemm.MultiplyAdd<double>(q, true, t, false, b, n, n, n, tape.Parallelism);
            for (int k = 0; k < n; k++) f[k] = function.Value(lambda[k]);
            for (int i = 0; i < n; i++)
            {
                b[i * n + i] *= function.Derivative(lambda[i]);
                for (int j = i + 1; j < n; j++)
                {
                    double jij = DividedDifference(function, lambda[i], lambda[j], f[i], f[j]);
                    b[i * n + j] *= jij;
                    b[j * n + i] *= jij;
                }
            }
            t.Clear();
            Gemm.MultiplyAdd<double>(q, false, b, false, t, n, n, n, tape.Parallelism);
            Gemm.MultiplyAdd<double>(t, false, q, true, tape.AdjointOf(nd.A), n, n, n, tape.Parallelism);
            ArrayPool<double>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<double> tape, int node, Tensor<double> grad) =>
            throw new NotSupportedException("Recorded derivatives of a symmetric matrix function (second order in the matrix) are not provided.");

        /// <summary>(f(a) − f(b))/(a − b) from the values <paramref name="fa"/> and <paramref name="fb"/>, or f′ at the mean where a and b coincide.</summary>
        private static double DividedDifference(IMatrixFunction f, double a, double b, double fa, double fb)
        {
            double gap = a - b;
            if (Math.Abs(gap) <= CoincidenceTolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b))))
                return f.Derivative(0.5 * (a + b));
            return (fa - fb) / gap;
        }
    }
}
