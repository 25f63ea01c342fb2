using Hmc.Native.Autodiff;
using Hmc.Native.Randomness;
using Hmc.Native.Tensors;

namespace Hmc.Native.Metrics;

/// <summary>
/// A position-dependent metric G(θ) for Riemannian-manifold HMC (Girolami &amp; Calderhead 2011). It records on the
/// tape the two θ-dependent parts of the Hamiltonian H(θ, p) = −log π(θ) + ½ log det G(θ) + ½ pᵀG(θ)⁻¹p + ½ D log 2π,
/// so one backward pass gives ∂H/∂θ including the derivative of G (DESIGN.md principle 5: the kinetic energy of a
/// Riemannian metric carries the ½ log det G term). It also gives the velocity G⁻¹p and draws p ~ N(0, G).
/// </summary>
public abstract class RiemannianMetric
{
    /// <summary>The name of the metric (hessian, softabs, fisher).</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// Records ½ log det G(θ) and ½ pᵀG(θ)⁻¹p with <paramref name="momentum"/> held constant, writes G⁻¹p into
    /// <paramref name="velocity"/>. Returns false when G is not positive definite or not finite there.
    /// </summary>
    /// <param name="tape">The tape holding θ and log π(θ).</param>
    /// <param name="theta">The recorded position.</param>
    /// <param name="logDensity">The recorded log π(θ).</param>
    /// <param name="jitter">Values added to G's diagonal (drawn once per transition).</param>
    /// <param name="momentum">p.</param>
    /// <param name="halfLogDeterminant">½ log det G(θ), recorded.</param>
    /// <param name="halfQuadratic">½ pᵀG(θ)⁻¹p, recorded.</param>
    /// <param name="velocity">G(θ)⁻¹p.</param>
    public abstract bool Record(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter,
        ReadOnlySpan<double> momentum, out Tensor<double> halfLogDeterminant, out Tensor<double> halfQuadratic, Span<double> velocity);

    /// <summary>Draws p ~ N(0, G(θ)). Returns false when G is not positive definite or not finite there.</summary>
    public abstract bool SampleMomentum(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter, Rng rng, Span<double> momentum);

    /// <summary>Creates the metric of the given kind.</summary>
    /// <param name="metric">Hessian, SoftAbs or Fisher-diagonal.</param>
    /// <param name="softAbsConstant">α for SoftAbs (null: 10⁶).</param>
    public static RiemannianMetric Create(Metric metric, double? softAbsConstant = null) => metric switch
    {
        Metric.Hessian => new HessianMetric(),
        Metric.SoftAbs => new SoftAbsMetric(softAbsConstant ?? SoftAbsMetric.DefaultAlpha),
        Metric.FisherDiagonal => new FisherDiagonalMetric(),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };

    /// <summary>True when every value is finite.</summary>
    protected static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values) if (!double.IsFinite(v)) return false;
        return true;
    }
}
