using Hmc.Native.Autodiff;
using Hmc.Native.Randomness;
using Hmc.Native.Tensors;

namespace Hmc.Native.Metrics;

/// <summary>
/// A position-dependent metric G(θ) for Riemannian-manifold HMC (Girolami &amp; Calderhead 2011), built from the
/// gradient g and the negative Hessian −∇²log π of the log-density. It records on the tape the two θ-dependent
/// parts of H(θ, p) = −log π(θ) + ½ log det G(θ) + ½ pᵀG(θ)⁻¹p + ½ D log 2π — ½ log det G and G⁻¹ — so backward
/// passes give ∂H/∂θ including the derivative of G (DESIGN.md principle 5: the kinetic energy of a Riemannian metric
/// carries the ½ log det G term). Numeric forms give G⁻¹ and draws p ~ N(0, G) where no derivative is needed.
/// </summary>
public abstract class RiemannianMetric
{
    /// <summary>The name of the metric (hessian, softabs, fisher).</summary>
    public abstract string Kind { get; }

    /// <summary>True when G depends on the Hessian (false: only on the gradient).</summary>
    public abstract bool NeedsHessian { get; }

    /// <summary>True when G⁻¹ is diagonal and given as a vector of length D; false for a D×D matrix.</summary>
    public abstract bool IsDiagonal { get; }

    /// <summary>
    /// Records ½ log det G and G⁻¹ (a [D] vector when <see cref="IsDiagonal"/>, else [D, D]) from the recorded
    /// gradient and negative Hessian. Returns false when G is not positive definite or not finite.
    /// </summary>
    public abstract bool RecordGeometry(Tape<double> tape, Tensor<double> gradient, Tensor<double> negativeHessian, ReadOnlySpan<double> jitter,
        out Tensor<double> halfLogDeterminant, out Tensor<double> inverse);

    /// <summary>G⁻¹ from numeric values (layout as <see cref="RecordGeometry"/>); false when G is not usable.</summary>
    public abstract bool Inverse(ReadOnlySpan<double> gradient, ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, Span<double> inverse);

    /// <summary>Draws p ~ N(0, G) from numeric values; false when G is not usable.</summary>
    public abstract bool SampleMomentum(ReadOnlySpan<double> gradient, ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, Rng rng, Span<double> momentum);

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

    /// <summary>The n×n matrix with <paramref name="diagonal"/> on its diagonal (row-major).</summary>
    protected static double[] DiagonalMatrix(ReadOnlySpan<double> diagonal)
    {
        int n = diagonal.Length;
        var m = new double[n * n];
        for (int i = 0; i < n; i++) m[i * n + i] = diagonal[i];
        return m;
    }

    /// <summary>−∇²log π + diag(jitter) as numbers, symmetrised.</summary>
    protected static void JitteredSymmetric(ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, int n, Span<double> destination)
    {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                destination[i * n + j] = 0.5 * (negativeHessian[i * n + j] + negativeHessian[j * n + i]) + (i == j && jitter.Length > 0 ? jitter[i] : 0);
    }
}
