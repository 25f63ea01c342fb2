using Hmc.Native.Bayes;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Samplers;
using MathNet.Numerics.LinearAlgebra;

namespace Hmc.Native.Tests.Bayes;

/// <summary>
/// Bayesian linear regression y = Xβ + b + ε, ε ~ N(0, 1/τ_out), β, b ~ N(0, 1/τ): the posterior of (β, b) is
/// Gaussian with precision A = τI + τ_out ZᵀZ and mean τ_out A⁻¹Zᵀy for Z = [X, 1], so samplers can be checked
/// against it exactly.
/// </summary>
public class BayesianRegressionTests
{
    private const int N = 40;
    private const double TauOut = 4, TauPrior = 1;

    private static (Tensor<double> X, Tensor<double> Y, double[] Mean, double[] Covariance) Problem()
    {
        var rng = new System.Random(12);
        var x = new double[N * 2];
        var y = new double[N];
        for (int i = 0; i < N; i++)
        {
            x[2 * i] = rng.NextDouble() * 2 - 1;
            x[2 * i + 1] = rng.NextDouble() * 2 - 1;
            y[i] = 1.5 * x[2 * i] - 0.7 * x[2 * i + 1] + 0.3 + 0.5 * Normal(rng);
        }
        var z = Matrix<double>.Build.Dense(N, 3, (i, j) => j < 2 ? x[2 * i + j] : 1.0);
        var a = Matrix<double>.Build.DenseIdentity(3) * TauPrior + TauOut * z.TransposeThisAndMultiply(z);
        var cov = a.Inverse();
        var mean = cov * (TauOut * z.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(y)));
        return (Tensor.FromSpan<double>(x, new Shape(N, 2)), Tensor.FromSpan<double>(y, new Shape(N, 1)), mean.ToArray(), cov.ToRowMajorArray());
    }

    private static double Normal(System.Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static readonly ModelOptions Regression = new() { ModelLoss = ModelLoss.Regression, TauOut = TauOut, TauList = [TauPrior, TauPrior] };

    [Test]
    public void TheLogPosteriorMatchesTheClosedForm()
    {
        var (x, y, mean, cov) = Problem();
        var model = new Linear<double>(2, 1);
        var density = ModelSampling.Posterior(model, x, y, Regression);
        double[] w = [0.4, -0.2, 0.1];
        var g = new double[3];
        double lp1 = density.Evaluate(w, g);
        double lp2 = density.Evaluate(mean, new double[3]);
        // For a Gaussian posterior, log p(w) − log p(mean) = −½ (w − m)ᵀ A (w − m).
        var a = Matrix<double>.Build.DenseOfRowMajor(3, 3, cov).Inverse();
        var d = Vector<double>.Build.DenseOfArray(w) - Vector<double>.Build.DenseOfArray(mean);
        Assert.That(lp1 - lp2, Is.EqualTo(-0.5 * d.DotProduct(a * d)).Within(1e-9));
        var expectedGradient = -(a * d);
        for (int i = 0; i < 3; i++) Assert.That(g[i], Is.EqualTo(expectedGradient[i]).Within(1e-9));
    }

    [TestCase(Sampler.Nuts)]
    [TestCase(Sampler.Hmc)]
    public void SampleModelReproducesTheGaussianPosterior(Sampler sampler)
    {
        var (x, y, mean, cov) = Problem();
        var result = ModelSampling.SampleModel(new Linear<double>(2, 1), x, y, options: new SampleOptions
        {
            Sampler = sampler, NumSamples = 1500, Burn = 500, Chains = 4, Seed = 17, StepSize = 0.05, NumStepsPerSample = 10,
        }, modelOptions: Regression);
        Assert.That(result.ParameterNames, Is.EqualTo(new[] { "weight.1", "weight.2", "bias" }));
        MomentCheck.AssertGaussianMoments(result, mean, cov);
    }

    [Test]
    public void ThePosteriorFunctionHasTheClosedFormValueAndHessian()
    {
        var (x, y, _, cov) = Problem();
        var model = new Linear<double>(2, 1);
        var f = ModelSampling.PosteriorFunction(model, x, y, Regression);
        double[] w = [0.4, -0.2, 0.1];
        Assert.That(DerivativeCheck.Eval(f, w), Is.EqualTo(ModelSampling.Posterior(model, x, y, Regression).Evaluate(w, new double[3])).Within(1e-9));
        // The Hessian of a Gaussian log-posterior is −A everywhere.
        var a = Matrix<double>.Build.DenseOfRowMajor(3, 3, cov).Inverse();
        var hessian = Hmc.Native.Autodiff.Derivatives.Hessian(f, w);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.That(hessian[i, j], Is.EqualTo(-a[i, j]).Within(1e-9));
    }

    [TestCase(Sampler.Rmhmc, Metric.Hessian, Integrator.Implicit)]
    [TestCase(Sampler.Rmhmc, Metric.Hessian, Integrator.Explicit)]
    [TestCase(Sampler.Rmhmc, Metric.SoftAbs, Integrator.Implicit)]
    [TestCase(Sampler.Rmhmc, Metric.SoftAbs, Integrator.Explicit)]
    [TestCase(Sampler.RmNuts, Metric.Hessian, Integrator.Implicit)]
    [TestCase(Sampler.Rmhmc, Metric.FisherDiagonal, Integrator.Implicit)]
    public void RiemannianSamplersReproduceTheGaussianPosterior(Sampler sampler, Metric metric, Integrator integrator)
    {
        var (x, y, mean, cov) = Problem();
        var options = new SampleOptions
        {
            Sampler = sampler, Metric = metric, Integrator = integrator, NumSamples = 600, Burn = 100, Chains = 4, Seed = 23, StepSize = 0.3,
            SoftAbsConst = metric == Metric.SoftAbs ? 10.0 : null, Jitter = metric == Metric.FisherDiagonal ? 50.0 : null,
        };
        // A trajectory of about π/2 in the metric's units (the Hessian metric makes this posterior a unit Gaussian). The
        // explicit binding of the two copies is stable here only with short steps and a weak binding (ω = 1); the Fisher
        // diagonal g ⊙ g grows quickly away from the mode, so it takes a jitter near the posterior precision and short steps.
        if (sampler == Sampler.Rmhmc) options = options with { NumStepsPerSample = 5 };
        if (integrator == Integrator.Explicit) options = options with { StepSize = 0.1, NumStepsPerSample = 15, ExplicitBindingConst = 1 };
        if (metric == Metric.FisherDiagonal) options = options with { StepSize = 0.1, NumStepsPerSample = 15 };
        var result = ModelSampling.SampleModel(new Linear<double>(2, 1), x, y, options: options, modelOptions: Regression);
        TestContext.Out.WriteLine($"acceptance {result.AcceptanceRate}, divergences {result.Divergences}");
        Assert.That(result.ParameterNames, Is.EqualTo(new[] { "weight.1", "weight.2", "bias" }));
        MomentCheck.AssertGaussianMoments(result, mean, cov, correlations: true);
    }

    [Test]
    public void RiemannianSamplersRefuseFloatNetworks()
    {
        var (x, y, _, _) = Problem();
        var xf = Tensor.FromSpan<float>(x.Values.ToArray().Select(v => (float)v).ToArray(), x.Shape);
        var yf = Tensor.FromSpan<float>(y.Values.ToArray().Select(v => (float)v).ToArray(), y.Shape);
        var ex = Assert.Throws<NotSupportedException>(() => ModelSampling.SampleModel(new Linear<float>(2, 1), xf, yf,
            options: new SampleOptions { Sampler = Sampler.RmNuts, NumSamples = 10 }, modelOptions: Regression));
        Assert.That(ex!.Message, Is.EqualTo(
            "Sampler.RmNuts needs double precision (its metric is built from second and third derivatives of the log-posterior); build the network as Module<double>, not Module<Single>."));
    }

    [TestCase(Integrator.Splitting)]
    [TestCase(Integrator.SplittingRandom)]
    [TestCase(Integrator.SplittingKMid)]
    public void SplitModelReproducesTheGaussianPosteriorWithABlockDiagonalMass(Integrator integrator)
    {
        var (x, y, mean, cov) = Problem();
        var splits = Enumerable.Range(0, 4).Select(k => (x.Slice(0, (k * 10)..((k + 1) * 10)), y.Slice(0, (k * 10)..((k + 1) * 10)))).ToList();
        var inverseMass = new BlockDiagonalMetric(new DiagonalMetric([0.02, 0.02]), new UnitMetric(1));
        var result = ModelSampling.SampleSplitModel(new Linear<double>(2, 1), splits, options: new SampleOptions
        {
            Integrator = integrator, NumSamples = 1500, Burn = 200, Chains = 4, Seed = 23, StepSize = 0.1, NumStepsPerSample = 8, InverseMass = inverseMass,
        }, modelOptions: Regression);
        Assert.That(result.AcceptanceRate, Is.GreaterThan(0.5), "the chain moves with a block-diagonal mass matrix");
        MomentCheck.AssertGaussianMoments(result, mean, cov);
    }

    [Test]
    public void SplitModelSamplesTheTemperedPosteriorOfANormalizingConstant()
    {
        // log π / c is Gaussian with the same mean and c times the covariance.
        const double c = 100;
        var (x, y, mean, cov) = Problem();
        var tempered = cov.Select(v => v * c).ToArray();
        var splits = Enumerable.Range(0, 4).Select(k => (x.Slice(0, (k * 10)..((k + 1) * 10)), y.Slice(0, (k * 10)..((k + 1) * 10)))).ToList();
        var result = ModelSampling.SampleSplitModel(new Linear<double>(2, 1), splits, options: new SampleOptions
        {
            Integrator = Integrator.Splitting, NumSamples = 1500, Burn = 200, Chains = 4, Seed = 29, StepSize = 0.3, NumStepsPerSample = 8,
            NormalizingConst = c, InverseMass = new DiagonalMetric([tempered[0], tempered[4], tempered[8]]),
        }, modelOptions: Regression);
        Assert.That(result.InvalidProposals, Is.Zero);
        MomentCheck.AssertGaussianMoments(result, mean, tempered);
    }

    [Test]
    public void SplitModelRejectsAnOptionThatHmcIgnores()
    {
        var (x, y, _, _) = Problem();
        var splits = new List<(Tensor<double>, Tensor<double>)> { (x, y) };
        var ex = Assert.Throws<ArgumentException>(() => ModelSampling.SampleSplitModel(new Linear<double>(2, 1), splits,
            options: new SampleOptions { Integrator = Integrator.Splitting, MaxTreeDepth = 5 }, modelOptions: Regression));
        Assert.That(ex!.Message, Does.Contain("SampleOptions.MaxTreeDepth").And.Contain("SampleSplitModel"));
    }

    [Test]
    public void PredictModelGivesOutputsAndLogPosteriors()
    {
        var (x, y, mean, _) = Problem();
        var model = new Linear<double>(2, 1);
        double[][] samples = [mean, [0.1, 0.2, 0.3]];
        var (predictions, shape, logPosterior) = ModelSampling.PredictModel(model, samples, x, y, Regression);
        Assert.That(shape, Is.EqualTo(new Shape(2, N, 1)));
        var xv = x.Values;
        for (int i = 0; i < N; i++)
            Assert.That(predictions[N + i], Is.EqualTo(0.1 * xv[2 * i] + 0.2 * xv[2 * i + 1] + 0.3).Within(1e-12));
        var density = ModelSampling.Posterior(model, x, y, Regression);
        Assert.That(logPosterior![1], Is.EqualTo(density.Evaluate(samples[1], new double[3])).Within(1e-12));
        Assert.That(logPosterior[0], Is.GreaterThan(logPosterior[1]), "the posterior mean is more probable");
    }

    [Test]
    public void StreamingKeepsNoDrawsButStatistics()
    {
        var (x, y, _, _) = Problem();
        int seen = 0;
        var result = ModelSampling.SampleModel(new Linear<double>(2, 1), x, y, options: new SampleOptions
        {
            NumSamples = 30, Chains = 1, Seed = 1, StepSize = 0.05, StoreDraws = false,
            DrawSinkFactory = _ => new CountingSink(() => seen++),
        }, modelOptions: Regression);
        Assert.That(result.Chains[0].Draws, Is.Empty);
        Assert.That(result.Chains[0].Statistics, Has.Count.EqualTo(30));
        Assert.That(seen, Is.EqualTo(30));
    }

    [Test]
    public void BadModelInputGivesClearErrors()
    {
        var (x, y, _, _) = Problem();
        var model = new Linear<double>(2, 1);
        Assert.Throws<ArgumentException>(() => ModelSampling.Posterior(model, x, y, Regression with { TauList = [1.0] }));
        Assert.Throws<ArgumentException>(() => ModelSampling.Posterior(model, x, y, Regression with { TauList = [1.0, -1.0] }));
        Assert.Throws<ShapeMismatchException>(() => ModelSampling.Posterior(model, x, y.Slice(0, 0..10), Regression));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSampling.Posterior(model, x, y, Regression with { TauOut = 0 }));
    }

    private sealed class CountingSink(Action onDraw) : IDrawSink
    {
        public void WriteAdaptation(double stepSize, Hmc.Native.Metrics.IEuclideanMetric? metric)
        {
        }

        public void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position) => onDraw();

        public void Dispose()
        {
        }
    }
}
