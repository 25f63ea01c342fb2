using Hmc.Native.Autodiff;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Randomness;
using Hmc.Native.Tensors;

namespace Hmc.Native.Metrics;

/// <summary>
/// Betancourt 2013's SoftAbs metric: with −∇²log π(θ) + diag(jitter) = QΛQᵀ, G = Q diag(λ̃) Qᵀ where
/// λ̃ = λ·coth(αλ) (<see cref="SoftAbsOp"/>), positive definite everywhere. ½ log det G = ½ Σ log λ̃_i,
/// ½ pᵀG⁻¹p = ½ pᵀ Q diag(1/λ̃) Qᵀ p, p = Q diag(√λ̃) z. log det G and G⁻¹ are recorded as matrix functions of
/// the Hessian (<see cref="SymmetricMatrixFunctionOp"/>), whose derivative — the divided differences of the same
/// paper, eq. 10–12 — stays finite where eigenvalues coincide.
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
    public override bool Record(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter,
        ReadOnlySpan<double> momentum, out Tensor<double> halfLogDeterminant, out Tensor<double> halfQuadratic, Span<double> velocity)
    {
        halfLogDeterminant = halfQuadratic = default;
        if (!TryNegativeHessian(tape, theta, logDensity, jitter, out var h)) return false;
        int n = theta.Length;
        var inverse = h.SymmetricMatrixFunction(_inverse);
        var logarithm = h.SymmetricMatrixFunction(_logarithm);
        halfLogDeterminant = 0.5 * (logarithm * tape.Constant(IdentityMatrix(n), new Shape(n, n))).Sum();
        var p = tape.Constant(momentum, Shape.Vector(n));
        var u = inverse.MatMul(p);
        halfQuadratic = 0.5 * p.Dot(u);
        u.Values.CopyTo(velocity);
        return AllFinite(velocity) && double.IsFinite(halfLogDeterminant.Values[0]);
    }

    /// <inheritdoc />
    public override bool SampleMomentum(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter, Rng rng, Span<double> momentum)
    {
        if (!TryNegativeHessian(tape, theta, logDensity, jitter, out var h)) return false;
        int n = theta.Length;
        var (values, vectors) = h.SymmetricEigen();
        var qv = vectors.Values;
        var lv = values.Values;
        Span<double> z = stackalloc double[n];
        for (int k = 0; k < n; k++) z[k] = rng.NextGaussian() * Math.Sqrt(SoftAbsOp.Value(lv[k], Alpha));
        for (int i = 0; i < n; i++) momentum[i] = TensorPrimitives.Dot(qv.Slice(i * n, n), z);
        return AllFinite(momentum);
    }

    private static bool TryNegativeHessian(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter, out Tensor<double> negativeHessian)
    {
        int n = theta.Length;
        negativeHessian = -HessianRecorder.Record(tape, logDensity, theta);
        if (jitter.Length > 0)
        {
            var d = new double[n * n];
            for (int i = 0; i < n; i++) d[i * n + i] = jitter[i];
            negativeHessian += tape.Constant(d, new Shape(n, n));
        }
        return AllFinite(negativeHessian.Values);
    }

    private static double[] IdentityMatrix(int n)
    {
        var m = new double[n * n];
        for (int i = 0; i < n; i++) m[i * n + i] = 1;
        return m;
    }
}
