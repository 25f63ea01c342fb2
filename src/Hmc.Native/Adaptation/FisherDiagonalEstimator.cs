using Hmc.Native.Metrics;

namespace Hmc.Native.Adaptation;

/// <summary>
/// nutpie's diagonal mass matrix: the Gaussian N(μ, diag(σ²)) closest to the target in Fisher divergence, given the
/// draws θ and the gradients α = ∇log π at them, has σᵢ² = √(Var θᵢ / Var αᵢ) (Seyboldt, Carlson &amp; Carpenter
/// 2026, "Preconditioning Hamiltonian Monte Carlo by minimizing Fisher divergence", arXiv 2603.18845, §3; nuts-rs
/// <c>mass_matrix_adapt.rs</c>), and M⁻¹ = diag(σ²). For a Gaussian target with variances s² the gradient of
/// coordinate i has variance 1/sᵢ² when the coordinates are independent, so the estimate is (s⁴)^{1/2} = s²: the
/// marginal variance, reached from far fewer draws than the variance alone needs when the gradients are informative.
/// </summary>
/// <remarks>
/// Both variances are Welford estimates over the current window (<see cref="IMetricEstimator"/>). An entry whose
/// ratio is zero or not finite (a coordinate whose gradient has not varied yet) keeps its previous value; the others
/// are clamped to [10⁻²⁰, 10²⁰] as nutpie does.
/// </remarks>
public sealed class FisherDiagonalEstimator : IMetricEstimator
{
    private const double Smallest = 1e-20, Largest = 1e20;
    private WelfordCovariance _draws, _gradients, _nextDraws, _nextGradients;
    private double[] _inverseMass;

    /// <summary>Creates the estimator for <paramref name="dimension"/> parameters.</summary>
    public FisherDiagonalEstimator(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        _draws = new WelfordCovariance(dimension, dense: false);
        _gradients = new WelfordCovariance(dimension, dense: false);
        _nextDraws = new WelfordCovariance(dimension, dense: false);
        _nextGradients = new WelfordCovariance(dimension, dense: false);
        _inverseMass = new double[dimension];
        _inverseMass.AsSpan().Fill(1);
    }

    /// <inheritdoc />
    public int Count => _draws.Count;

    /// <inheritdoc />
    public int NextCount => _nextDraws.Count;

    /// <inheritdoc />
    public IEuclideanMetric Start(ReadOnlySpan<double> position, ReadOnlySpan<double> gradient, IEuclideanMetric? given)
    {
        Add(position, gradient);
        _inverseMass = given?.InverseMassDiagonal() ?? FromGradient(gradient);
        return new DiagonalMetric(_inverseMass);
    }

    /// <inheritdoc />
    public void Add(ReadOnlySpan<double> position, ReadOnlySpan<double> gradient)
    {
        _draws.Add(position);
        _gradients.Add(gradient);
        _nextDraws.Add(position);
        _nextGradients.Add(gradient);
    }

    /// <inheritdoc />
    public void Switch()
    {
        (_draws, _nextDraws) = (_nextDraws, _draws);
        (_gradients, _nextGradients) = (_nextGradients, _gradients);
        _nextDraws.Reset();
        _nextGradients.Reset();
    }

    /// <inheritdoc />
    public IEuclideanMetric? Estimate()
    {
        if (Count < 3) return null;
        _inverseMass = InverseMass(_draws.Covariance(), _gradients.Covariance(), _inverseMass);
        return new DiagonalMetric(_inverseMass);
    }

    /// <summary>
    /// √(Var θᵢ / Var αᵢ) for each coordinate, clamped to [10⁻²⁰, 10²⁰]; where the ratio is zero or not finite the
    /// entry of <paramref name="previous"/> is kept.
    /// </summary>
    /// <param name="drawVariance">Var θᵢ.</param>
    /// <param name="gradientVariance">Var ∂ᵢ log π.</param>
    /// <param name="previous">The current M⁻¹ diagonal.</param>
    public static double[] InverseMass(ReadOnlySpan<double> drawVariance, ReadOnlySpan<double> gradientVariance, ReadOnlySpan<double> previous)
    {
        var result = new double[drawVariance.Length];
        for (int i = 0; i < result.Length; i++)
        {
            double ratio = Math.Sqrt(drawVariance[i] / gradientVariance[i]);
            result[i] = double.IsFinite(ratio) && ratio > 0 ? Math.Clamp(ratio, Smallest, Largest) : previous[i];
        }
        return result;
    }

    /// <summary>
    /// nutpie's starting guess from the gradient at the initial point, M⁻¹ᵢᵢ = 1/|αᵢ| clamped to [10⁻²⁰, 10²⁰]: for a
    /// Gaussian coordinate one standard deviation s from its mean |α| = 1/s, so the guess is s. A zero or non-finite
    /// gradient entry (a start at a coordinate's mode) gives 1.
    /// </summary>
    public static double[] FromGradient(ReadOnlySpan<double> gradient)
    {
        var result = new double[gradient.Length];
        for (int i = 0; i < result.Length; i++)
        {
            double g = Math.Abs(gradient[i]);
            result[i] = g > 0 && double.IsFinite(g) ? Math.Clamp(1 / g, Smallest, Largest) : 1;
        }
        return result;
    }
}
