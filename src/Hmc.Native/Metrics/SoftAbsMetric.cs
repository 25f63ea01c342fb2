using Hmc.Native.Autodiff;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Randomness;
using Hmc.Native.Tensors;

namespace Hmc.Native.Metrics;

/// <summary>
/// Betancourt 2013's SoftAbs metric: with −∇²log π(θ) + diag(jitter) = QΛQᵀ, G = Q diag(λ̃) Qᵀ where
/// λ̃ = λ·coth(αλ) (<see cref="SoftAbsOp"/>), positive definite everywhere. ½ log det G = ½ Σ log λ̃_i,
/// ½ pᵀG⁻¹p = ½ pᵀ Q diag(1/λ̃) Qᵀ p, p = Q diag(√λ̃) z. G⁻¹ is recorded as a matrix function of the Hessian
/// (<see cref="SymmetricMatrixFunctionOp"/>), whose derivative — the divided differences of the same paper,
/// eq. 10–12 — stays finite where eigenvalues coincide, and log det G as the trace function Σ log λ̃_k
/// (<see cref="SymmetricTraceFunctionOp"/>); both share one eigendecomposition.
/// </summary>
public sealed class SoftAbsMetric : RiemannianMetric
{
    /// <summary>α when the user gives none (hamiltorch then fails; 10⁶ makes λ̃ ≈ |λ| for |λ| ≫ 10⁻⁶).</summary>
    public const double DefaultAlpha = 1e6;

    /// <summary>Creates the metric with softness <paramref name="alpha"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is not positive and finite.</exception>
    public SoftAbsMetric(double alpha)
    {
        if (!(alpha > 0) || !double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), $"The SoftAbs constant must be positive and finite; got {alpha}.");
        Alpha = alpha;
        _inverse = new InverseSoftAbsFunction(alpha);
        _logarithm = new LogSoftAbsFunction(alpha);
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    private readonly IMatrixFunction _inverse;
    private readonly IMatrixFunction _logarithm;

    /// <inheritdoc />
    public override string Kind => "softabs";

    /// <inheritdoc />
    public override bool NeedsHessian => true;

    /// <inheritdoc />
    public override bool IsDiagonal => false;

    /// <inheritdoc />
    public override bool RecordGeometry(Tape<double> tape, Tensor<double> gradient, Tensor<double> negativeHessian, ReadOnlySpan<double> jitter,
        out Tensor<double> halfLogDeterminant, out Tensor<double> inverse)
    {
        int n = gradient.Length;
        var h = jitter.Length > 0 ? negativeHessian + tape.Constant(DiagonalMatrix(jitter), new Shape(n, n)) : negativeHessian;
        halfLogDeterminant = inverse = default;
        if (!AllFinite(h.Values)) return false;
        var spectrum = SymmetricSpectrum.Of(h);
        inverse = h.SymmetricMatrixFunction(_inverse, spectrum);
        halfLogDeterminant = 0.5 * h.SymmetricTraceFunction(_logarithm, spectrum);
        return AllFinite(inverse.Values) && double.IsFinite(halfLogDeterminant.Values[0]);
    }

    /// <inheritdoc />
    public override bool Inverse(ReadOnlySpan<double> gradient, ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, Span<double> inverse)
    {
        int n = gradient.Length;
        var q = new double[n * n];
        var lambda = new double[n];
        if (!Decompose(negativeHessian, jitter, n, q, lambda)) return false;
        inverse.Clear();
        for (int k = 0; k < n; k++)
        {
            double w = 1 / SoftAbsOp.Value(lambda[k], Alpha);
            for (int i = 0; i < n; i++)
            {
                double qik = q[i * n + k] * w;
                for (int j = 0; j < n; j++) inverse[i * n + j] += qik * q[j * n + k];
            }
        }
        return AllFinite(inverse);
    }

    /// <inheritdoc />
    public override bool SampleMomentum(ReadOnlySpan<double> gradient, ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, Rng rng, Span<double> momentum)
    {
        int n = gradient.Length;
        var q = new double[n * n];
        var lambda = new double[n];
        if (!Decompose(negativeHessian, jitter, n, q, lambda)) return false;
        Span<double> z = stackalloc double[n];
        for (int k = 0; k < n; k++) z[k] = rng.NextGaussian() * Math.Sqrt(SoftAbsOp.Value(lambda[k], Alpha));
        for (int i = 0; i < n; i++) momentum[i] = TensorPrimitives.Dot(q.AsSpan(i * n, n), z);
        return AllFinite(momentum);
    }

    private static bool Decompose(ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, int n, double[] vectors, double[] values)
    {
        JitteredSymmetric(negativeHessian, jitter, n, vectors);
        if (!AllFinite(vectors)) return false;
        SymmetricEigenKernel.Decompose<double>(vectors, n, values, new double[n]);
        return AllFinite(values) && AllFinite(vectors);
    }
}
