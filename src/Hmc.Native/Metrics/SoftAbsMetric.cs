using Hmc.Native.Autodiff;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Randomness;
using Hmc.Native.Tensors;

namespace Hmc.Native.Metrics;

/// <summary>
/// Betancourt 2013's SoftAbs metric: with −∇²log π(θ) + diag(jitter) = QΛQᵀ, G = Q diag(λ̃) Qᵀ where
/// λ̃ = λ·coth(αλ) (<see cref="SoftAbsOp"/>), positive definite everywhere. ½ log det G = ½ Σ log λ̃_i,
/// ½ pᵀG⁻¹p = ½ Σ (Qᵀp)_i²/λ̃_i, p = Q diag(√λ̃) z. The derivative of G comes through the recorded
/// eigendecomposition (the eigenvector-derivative formula of the same paper, eq. 10–12, assuming distinct
/// eigenvalues).
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
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public override string Kind => "softabs";

    /// <inheritdoc />
    public override bool Record(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter,
        ReadOnlySpan<double> momentum, out Tensor<double> halfLogDeterminant, out Tensor<double> halfQuadratic, Span<double> velocity)
    {
        halfLogDeterminant = halfQuadratic = default;
        if (!TryDecompose(tape, theta, logDensity, jitter, out var q, out var softValues)) return false;
        int n = theta.Length;
        halfLogDeterminant = 0.5 * softValues.Log().Sum();
        var u = q.Transpose().MatMul(tape.Constant(momentum, Shape.Vector(n)));
        halfQuadratic = 0.5 * (u * u / softValues).Sum();
        var qv = q.Values;
        var uv = u.Values;
        var lv = softValues.Values;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int k = 0; k < n; k++) s += qv[i * n + k] * uv[k] / lv[k];
            velocity[i] = s;
        }
        return AllFinite(velocity);
    }

    /// <inheritdoc />
    public override bool SampleMomentum(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter, Rng rng, Span<double> momentum)
    {
        if (!TryDecompose(tape, theta, logDensity, jitter, out var q, out var softValues)) return false;
        int n = theta.Length;
        var qv = q.Values;
        var lv = softValues.Values;
        Span<double> z = stackalloc double[n];
        for (int k = 0; k < n; k++) z[k] = rng.NextGaussian() * Math.Sqrt(lv[k]);
        for (int i = 0; i < n; i++) momentum[i] = TensorPrimitives.Dot(qv.Slice(i * n, n), z);
        return AllFinite(momentum);
    }

    private bool TryDecompose(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter, out Tensor<double> vectors, out Tensor<double> softValues)
    {
        int n = theta.Length;
        vectors = softValues = default;
        var h = -HessianRecorder.Record(tape, logDensity, theta);
        if (jitter.Length > 0)
        {
            var d = new double[n * n];
            for (int i = 0; i < n; i++) d[i * n + i] = jitter[i];
            h += tape.Constant(d, new Shape(n, n));
        }
        if (!AllFinite(h.Values)) return false;
        var (values, q) = h.SymmetricEigen();
        vectors = q;
        softValues = values.SoftAbs(Alpha);
        return AllFinite(softValues.Values) && AllFinite(q.Values);
    }
}
