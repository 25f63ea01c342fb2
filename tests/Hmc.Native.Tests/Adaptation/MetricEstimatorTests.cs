using Hmc.Native.Adaptation;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace Hmc.Native.Tests.Adaptation;

/// <summary>
/// The Fisher-divergence estimates against what they must give on Gaussian draws with exact gradients, where both
/// are exact whatever the sample: the gradients are a linear map of the draws, so their sample covariance is that map
/// applied to the draws' sample covariance.
/// </summary>
public class MetricEstimatorTests
{
    private static (List<double[]> Draws, List<double[]> Gradients) GaussianDraws(double[] mean, Matrix<double> covariance, int count, int seed)
    {
        int n = mean.Length;
        var root = covariance.Cholesky().Factor;
        var precision = covariance.Inverse();
        var rng = new Rng((ulong)seed);
        var draws = new List<double[]>();
        var gradients = new List<double[]>();
        for (int k = 0; k < count; k++)
        {
            var z = Vector<double>.Build.Dense(n, _ => rng.NextGaussian());
            var x = root * z + Vector<double>.Build.DenseOfArray(mean);
            var g = -(precision * (x - Vector<double>.Build.DenseOfArray(mean)));
            draws.Add(x.ToArray());
            gradients.Add(g.ToArray());
        }
        return (draws, gradients);
    }

    [Test]
    public void TheDiagonalEstimateIsTheVarianceOfEachIndependentGaussianCoordinate()
    {
        double[] sd = [0.01, 0.5, 3, 200];
        double[] mean = [1, -2, 0.5, 40];
        var covariance = Matrix<double>.Build.DenseOfDiagonalArray(sd.Select(s => s * s).ToArray());
        var (draws, gradients) = GaussianDraws(mean, covariance, 12, seed: 4);
        var estimator = new FisherDiagonalEstimator(sd.Length);
        estimator.Start(draws[0], gradients[0], given: null);
        foreach (var (x, g) in draws.Zip(gradients).Skip(1)) estimator.Add(x, g);
        var metric = estimator.Estimate();
        Assert.That(metric, Is.InstanceOf<DiagonalMetric>());
        // Var θᵢ / Var ∂ᵢ log π = sᵢ⁴ in every sample, so the estimate is sᵢ² from only 12 draws.
        var diagonal = metric!.InverseMassDiagonal();
        for (int i = 0; i < sd.Length; i++) Assert.That(diagonal[i], Is.EqualTo(sd[i] * sd[i]).Within(1e-9).Percent, $"M⁻¹[{i}]");
    }

    [Test]
    public void TheDiagonalEstimateWaitsForThreeDrawsAndKeepsEntriesWhoseGradientHasNotVaried()
    {
        var estimator = new FisherDiagonalEstimator(2);
        var start = estimator.Start([4.0, 0.0], [-4.0, 0.0], given: null);
        // nutpie's guess 1/|g|, with 1 for the zero gradient entry.
        Assert.That(start.InverseMassDiagonal(), Is.EqualTo(new[] { 0.25, 1.0 }));
        estimator.Add([1.0, 1.0], [-1.0, 0.0]);
        Assert.That(estimator.Estimate(), Is.Null, "two draws");
        estimator.Add([2.0, 3.0], [-2.0, 0.0]);
        var diagonal = estimator.Estimate()!.InverseMassDiagonal();
        Assert.That(diagonal[0], Is.EqualTo(1.0).Within(1e-12), "√(Var θ / Var g) with g = −θ");
        Assert.That(diagonal[1], Is.EqualTo(1.0), "the gradient of coordinate 2 never varied: the previous value stays");
    }

    [Test]
    public void ASwitchLeavesTheDrawsSinceTheLastSwitchInTheCurrentWindow()
    {
        foreach (IMetricEstimator estimator in new IMetricEstimator[] { new FisherDiagonalEstimator(1), new LowRankEstimator(1) })
        {
            estimator.Start([0.0], [0.0], given: null);
            estimator.Add([1.0], [-1.0]);
            estimator.Switch();
            Assert.That((estimator.Count, estimator.NextCount), Is.EqualTo((2, 0)), estimator.GetType().Name);
            estimator.Add([2.0], [-2.0]);
            estimator.Add([3.0], [-3.0]);
            estimator.Switch();
            Assert.That((estimator.Count, estimator.NextCount), Is.EqualTo((2, 0)), estimator.GetType().Name);
        }
    }

    /// <summary>
    /// With as many draws as dimensions or more, the geometric mean of the draws' and gradients' covariances is Σ
    /// itself for a Gaussian (A (Σ S⁻¹ Σ)⁻¹ A = S at A = Σ for any sample covariance S), so the fit must equal
    /// D^{1/2} C' D^{1/2}, where C = D^{−1/2} Σ D^{−1/2} with its eigenvalues in [1/2, 2] replaced by 1.
    /// </summary>
    [Test]
    public void TheLowRankFitOfAGaussianIsItsCovarianceOutsideTheCutOff()
    {
        const int n = 6;
        var cov = Matrix<double>.Build.DenseOfRowMajor(n, n, Samplers.TestTargets.RandomCovariance(n, 0.05, 30, seed: 3));
        double[] mean = [1, 2, 3, -1, 0, 5];
        var (draws, gradients) = GaussianDraws(mean, cov, 40, seed: 9);
        var fit = LowRankEstimator.Fit(draws, gradients)!;

        var expected = ExpectedFit(cov, draws, gradients, n);
        var actual = new double[n * n];
        fit.Metric.CopyInverseMass(actual);
        for (int i = 0; i < n * n; i++) Assert.That(actual[i], Is.EqualTo(expected[i / n, i % n]).Within(1e-4 * expected.Diagonal().Max()), $"M⁻¹ entry {i}");
        Assert.That(fit.Metric.Rank, Is.InRange(1, n));
    }

    private static Matrix<double> ExpectedFit(Matrix<double> cov, List<double[]> draws, List<double[]> gradients, int n)
    {
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            int c = i;
            d[i] = Math.Sqrt(Variance(draws.Select(x => x[c])) / Variance(gradients.Select(g => g[c])));
        }
        var root = Matrix<double>.Build.DenseOfDiagonalArray(d.Select(Math.Sqrt).ToArray());
        var inverseRoot = Matrix<double>.Build.DenseOfDiagonalArray(d.Select(v => 1 / Math.Sqrt(v)).ToArray());
        var scaled = inverseRoot * cov * inverseRoot;
        var evd = scaled.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real is > 2 or < 0.5 ? v.Real : 1).ToArray();
        var kept = evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalArray(values) * evd.EigenVectors.Transpose();
        return root * kept * root;
    }

    private static double Variance(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double m = v.Average();
        return v.Sum(x => (x - m) * (x - m)) / v.Length;
    }

    /// <summary>
    /// With fewer draws than half the dimensions the fit lives in the span of the scaled draws and gradients: in every
    /// scaled direction w orthogonal to it the metric is its diagonal, M⁻¹ D^{−1/2} w = D^{1/2} w.
    /// </summary>
    [Test]
    public void WithFewDrawsTheLowRankFitLeavesTheDirectionsTheyDoNotSpanToTheDiagonal()
    {
        const int n = 30, count = 6;
        var cov = Matrix<double>.Build.DenseOfRowMajor(n, n, Samplers.TestTargets.RandomCovariance(n, 0.01, 100, seed: 5));
        var (draws, gradients) = GaussianDraws(new double[n], cov, count, seed: 2);
        var fit = LowRankEstimator.Fit(draws, gradients)!;
        Assert.That(fit.Metric.Rank, Is.InRange(1, 2 * count));
        var sigma = fit.Diagonal.Select(Math.Sqrt).ToArray();
        // The scaled, centred draws and gradients span the fitted subspace; project a random vector off them.
        var columns = new List<Vector<double>>();
        foreach (var set in new[] { (draws, false), (gradients, true) })
        {
            var (vectors, isGradient) = set;
            var centre = Enumerable.Range(0, n).Select(i => vectors.Average(v => v[i])).ToArray();
            foreach (var v in vectors)
                columns.Add(Vector<double>.Build.Dense(n, i => isGradient ? (v[i] - centre[i]) * sigma[i] : (v[i] - centre[i]) / sigma[i]));
        }
        var span = Matrix<double>.Build.DenseOfColumnVectors(columns).QR().Q.SubMatrix(0, n, 0, columns.Count);
        var rng = new Rng(8);
        var w = Vector<double>.Build.Dense(n, _ => rng.NextGaussian());
        w -= span * (span.Transpose() * w);
        var momentum = Enumerable.Range(0, n).Select(i => w[i] / sigma[i]).ToArray();
        var velocity = new double[n];
        fit.Metric.Velocity(momentum, velocity);
        for (int i = 0; i < n; i++) Assert.That(velocity[i], Is.EqualTo(sigma[i] * w[i]).Within(1e-8 * sigma.Max()), $"component {i}");
    }

    [Test]
    public void TheFitNeedsTwoDrawsWithOneGradientEach()
    {
        var ex = Assert.Throws<ArgumentException>(() => LowRankEstimator.Fit([[1.0]], [[1.0]]));
        Assert.That(ex!.Message, Does.Contain("at least two draws"));
    }
}
