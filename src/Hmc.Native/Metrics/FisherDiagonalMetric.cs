using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Randomness;
using Hmc.Native.Tensors;

namespace Hmc.Native.Metrics;

/// <summary>
/// hamiltorch's <c>JACOBIAN_DIAG</c> metric: G(θ) = diag(g ⊙ g + jitter) with g = ∇log π(θ), the diagonal of the
/// empirical Fisher information of one observation. ½ log det G = ½ Σ log G_ii, G⁻¹ = diag(1/G_ii). Where a gradient
/// component is zero and no jitter is added, G is singular and the point is invalid.
/// </summary>
public sealed class FisherDiagonalMetric : RiemannianMetric
{
    /// <inheritdoc />
    public override string Kind => "fisher";

    /// <inheritdoc />
    public override bool NeedsHessian => false;

    /// <inheritdoc />
    public override bool IsDiagonal => true;

    /// <inheritdoc />
    public override bool RecordGeometry(Tape<double> tape, Tensor<double> gradient, Tensor<double> negativeHessian, ReadOnlySpan<double> jitter,
        out Tensor<double> halfLogDeterminant, out Tensor<double> inverse)
    {
        var g = gradient * gradient;
        if (jitter.Length > 0) g += tape.Constant(jitter, Shape.Vector(jitter.Length));
        halfLogDeterminant = 0.5 * g.Log().Sum();
        inverse = g.Reciprocal();
        foreach (double v in g.Values) if (!(v > 0) || !double.IsFinite(v)) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Inverse(ReadOnlySpan<double> gradient, ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, Span<double> inverse)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            double g = gradient[i] * gradient[i] + (jitter.Length > 0 ? jitter[i] : 0);
            if (!(g > 0) || !double.IsFinite(g)) return false;
            inverse[i] = 1 / g;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool SampleMomentum(ReadOnlySpan<double> gradient, ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, Rng rng, Span<double> momentum)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            double g = gradient[i] * gradient[i] + (jitter.Length > 0 ? jitter[i] : 0);
            if (!(g > 0) || !double.IsFinite(g)) return false;
            momentum[i] = rng.NextGaussian() * Math.Sqrt(g);
        }
        return true;
    }
}
