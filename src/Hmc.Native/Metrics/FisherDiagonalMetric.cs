using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Randomness;
using Hmc.Native.Tensors;

namespace Hmc.Native.Metrics;

/// <summary>
/// hamiltorch's <c>JACOBIAN_DIAG</c> metric: G(θ) = diag(g ⊙ g + jitter) with g = ∇log π(θ), the diagonal of the
/// empirical Fisher information of one observation. ½ log det G = ½ Σ log G_ii, ½ pᵀG⁻¹p = ½ Σ p_i²/G_ii.
/// Where a gradient component is zero and no jitter is added, G is singular and the point is invalid.
/// </summary>
public sealed class FisherDiagonalMetric : RiemannianMetric
{
    /// <inheritdoc />
    public override string Kind => "fisher";

    /// <inheritdoc />
    public override bool Record(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter,
        ReadOnlySpan<double> momentum, out Tensor<double> halfLogDeterminant, out Tensor<double> halfQuadratic, Span<double> velocity)
    {
        halfLogDeterminant = halfQuadratic = default;
        if (!TryDiagonal(tape, theta, logDensity, jitter, out var g)) return false;
        int n = theta.Length;
        halfLogDeterminant = 0.5 * g.Log().Sum();
        var p = tape.Constant(momentum, Shape.Vector(n));
        halfQuadratic = 0.5 * (p * p / g).Sum();
        var gv = g.Values;
        for (int i = 0; i < n; i++) velocity[i] = momentum[i] / gv[i];
        return AllFinite(velocity);
    }

    /// <inheritdoc />
    public override bool SampleMomentum(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter, Rng rng, Span<double> momentum)
    {
        if (!TryDiagonal(tape, theta, logDensity, jitter, out var g)) return false;
        var gv = g.Values;
        for (int i = 0; i < momentum.Length; i++) momentum[i] = rng.NextGaussian() * Math.Sqrt(gv[i]);
        return AllFinite(momentum);
    }

    private static bool TryDiagonal(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter, out Tensor<double> diagonal)
    {
        var g = tape.Gradient(logDensity, theta, createGraph: true, allowUnused: true);
        diagonal = g * g;
        if (jitter.Length > 0) diagonal += tape.Constant(jitter, Shape.Vector(jitter.Length));
        foreach (double v in diagonal.Values) if (!(v > 0) || !double.IsFinite(v)) return false;
        return true;
    }
}
