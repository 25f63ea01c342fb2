// doc:begin sampler-usings
using Hmc.Native;
using Hmc.Native.Adaptation;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;
// doc:end sampler-usings
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Docs;

/// <summary>The examples of docs/choosing-a-sampler.md, each run and checked against what the guide says of it.</summary>
public class ChoosingASamplerExamples
{
    private static readonly double[] ScaledVariances = [0.01, 1, 100];

    // doc:begin badly-scaled-gaussian
    // Independent normals with standard deviations 0.1, 1 and 10.
    public static Tensor<double> BadlyScaledGaussian(Tensor<double> theta)
    {
        var z = theta / Tensor.FromVector(0.1, 1.0, 10.0);
        return -0.5 * (z * z).Sum();
    }
    // doc:end badly-scaled-gaussian

    // doc:begin nuts-defaults
    public static SamplingResult NutsWithDefaults() =>
        Sampling.Sample(BadlyScaledGaussian, [1.0, 1.0, 1.0], new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 1000, Chains = 4, Seed = 11,
        });
    // doc:end nuts-defaults

    [Test]
    public void NutsAdaptsTheStepSizeAndADiagonalMassMatrixToTheVariances()
    {
        var result = NutsWithDefaults();
        MomentCheck.AssertGaussianMoments(result, [0, 0, 0], Diagonal(ScaledVariances));
        foreach (var chain in result.Chains)
        {
            TestContext.Out.WriteLine($"chain {chain.Chain}: step {chain.StepSize}, M⁻¹ [{string.Join(", ", chain.InverseMassDiagonal)}]");
            Assert.That(chain.StepSize, Is.Not.EqualTo(0.1), "the step size is adapted");
            for (int i = 0; i < 3; i++)
                Assert.That(chain.InverseMassDiagonal[i] / ScaledVariances[i], Is.InRange(1 / 1.5, 1.5), $"M⁻¹[{i}] estimates the variance");
        }
        Assert.That(result.Divergences, Is.Zero);
    }

    // doc:begin nutpie-warm-up
    public static SamplingResult NutsWithNutpiesWarmUp() =>
        Sampling.Sample(BadlyScaledGaussian, [1.0, 1.0, 1.0], new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 1000, Chains = 4, Seed = 11,
            Adaptation = AdaptationScheme.Diagonal,             // no Burn: nutpie's 400 warm-up iterations
        });
    // doc:end nutpie-warm-up

    [Test]
    public void NutpiesWarmUpFindsTheVariancesWithFewerGradientsThanStans()
    {
        var stan = NutsWithDefaults();
        var result = NutsWithNutpiesWarmUp();
        MomentCheck.AssertGaussianMoments(result, [0, 0, 0], Diagonal(ScaledVariances));
        foreach (var chain in result.Chains)
        {
            TestContext.Out.WriteLine($"chain {chain.Chain}: step {chain.StepSize}, M⁻¹ [{string.Join(", ", chain.InverseMassDiagonal)}]");
            for (int i = 0; i < 3; i++)
                Assert.That(chain.InverseMassDiagonal[i] / ScaledVariances[i], Is.InRange(1 / 1.5, 1.5), $"M⁻¹[{i}] estimates the variance");
        }
        TestContext.Out.WriteLine($"warm-up gradients: Stan {stan.GradientEvaluationsWarmUp}, nutpie {result.GradientEvaluationsWarmUp}");
        Assert.That(result.Divergences, Is.Zero);
        Assert.That(result.GradientEvaluationsWarmUp, Is.LessThan(stan.GradientEvaluationsWarmUp / 2), "400 warm-up iterations from the first draw on, against 1000 starting on the unit metric");
    }

    // doc:begin hmc-fixed-length
    public static SamplingResult HmcWithAGivenMassMatrix() =>
        Sampling.Sample(BadlyScaledGaussian, [1.0, 1.0, 1.0], new SampleOptions
        {
            Sampler = Sampler.Hmc, NumSamples = 1000, Burn = 500, NumStepsPerSample = 10, Chains = 4, Seed = 12,
            InverseMass = new DiagonalMetric([0.01, 1, 100]),   // M⁻¹: the variances, known here
            AdaptStepSize = true,                               // HMC keeps StepSize unless asked
        });
    // doc:end hmc-fixed-length

    [Test]
    public void HmcWithAdaptedStepSizeReachesTheTargetAcceptance()
    {
        var result = HmcWithAGivenMassMatrix();
        TestContext.Out.WriteLine($"acceptance {result.AcceptanceRate}, step {result.Chains[0].StepSize}");
        MomentCheck.AssertGaussianMoments(result, [0, 0, 0], Diagonal(ScaledVariances));
        Assert.That(result.AcceptanceRate, Is.EqualTo(0.8).Within(0.1));
        Assert.That(result.Chains[0].InverseMassDiagonal, Is.EqualTo(ScaledVariances), "HMC keeps the mass matrix it is given");
    }

    // doc:begin dense-mass
    public static (SamplingResult Diagonal, SamplingResult Dense) CorrelatedGaussian()
    {
        const double rho = 0.99;                              // Σ = [[1, ρ], [ρ, 1]]
        double c = 1 / (1 - rho * rho);
        var precision = Tensor.FromMatrix(new[,] { { c, -rho * c }, { -rho * c, c } });
        Tensor<double> LogProb(Tensor<double> x) => -0.5 * x.Dot(precision.MatMul(x));
        var options = new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 1000, Chains = 4, Seed = 5 };
        var diagonal = Sampling.Sample(LogProb, [0.0, 0.0], options);
        var dense = Sampling.Sample(LogProb, [0.0, 0.0], options with { AdaptMass = MassMatrixAdaptation.Dense });
        return (diagonal, dense);
    }
    // doc:end dense-mass

    [Test]
    public void ADenseMassMatrixTakesFewerStepsOnACorrelatedTarget()
    {
        var (diagonal, dense) = CorrelatedGaussian();
        double[] covariance = [1, 0.99, 0.99, 1];
        MomentCheck.AssertGaussianMoments(diagonal, [0, 0], covariance, correlations: true);
        MomentCheck.AssertGaussianMoments(dense, [0, 0], covariance, correlations: true);
        double diagonalSteps = StepsPerDraw(diagonal), denseSteps = StepsPerDraw(dense);
        TestContext.Out.WriteLine($"leapfrog steps per draw: diagonal {diagonalSteps}, dense {denseSteps}");
        Assert.That(denseSteps, Is.LessThan(diagonalSteps / 3));
    }

    // doc:begin double-well
    // log π(x) = −x⁴/4 + x²: two modes at ±√2; the Hessian 2 − 3x² is positive only for |x| < 0.82.
    public static SamplingResult RmhmcOnADoubleWell(Metric metric)
    {
        static Tensor<double> LogProb(Tensor<double> x) => (-(x * x * x * x) / 4.0 + x * x).Sum();
        return Sampling.Sample(LogProb, [0.5], new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = metric, SoftAbsConst = metric == Metric.SoftAbs ? 1.0 : null,
            NumSamples = 2000, StepSize = 0.3, NumStepsPerSample = 6, Chains = 4, Seed = 3,
        });
    }
    // doc:end double-well

    /// <summary>E[x²] of π(x) ∝ exp(−x⁴/4 + x²) by quadrature.</summary>
    private static double DoubleWellSecondMoment()
    {
        static double Density(double x) => Math.Exp(-Math.Pow(x, 4) / 4 + x * x);
        double z = MathNet.Numerics.Integrate.OnClosedInterval(Density, -8, 8, 1e-12);
        return MathNet.Numerics.Integrate.OnClosedInterval(x => x * x * Density(x), -8, 8, 1e-12) / z;
    }

    [Test]
    public void SoftAbsSamplesTheDoubleWellWhereTheHessianMetricCannot()
    {
        // SoftAbs crosses between the wells: both modes with their true masses (P(x > 0) = ½ by symmetry), the mean
        // and E[x²] against quadrature, each within the MCSE with the minimum bulk ESS.
        var softAbs = RmhmcOnADoubleWell(Metric.SoftAbs);
        TestContext.Out.WriteLine($"SoftAbs: acceptance {softAbs.AcceptanceRate}, invalid {softAbs.InvalidProposals}, failures {softAbs.Chains.Sum(c => c.FixedPointFailures)}");
        MomentCheck.AssertMoments(softAbs,
        [
            ("P(x > 0)", d => d[0] > 0 ? 1 : 0, 0.5),
            ("E x", d => d[0], 0),
            ("E x²", d => d[0] * d[0], DoubleWellSecondMoment()),
        ]);

        // The Hessian metric is not positive definite beyond |x| = 0.82, before the modes at ±√2: with these settings
        // every proposal leaves that region and is rejected as invalid, so this sampler does not sample the target.
        var hessian = RmhmcOnADoubleWell(Metric.Hessian);
        TestContext.Out.WriteLine($"Hessian: acceptance {hessian.AcceptanceRate}, invalid {hessian.InvalidProposals}");
        Assert.That(hessian.InvalidProposals, Is.EqualTo(hessian.TotalDraws), "every proposal is reported as invalid");
    }

    // doc:begin three-d-gaussian
    // N(μ, 0.5² I) with μ = (1, 2, 3).
    public static Tensor<double> Gaussian3(Tensor<double> x)
    {
        var z = (x - Tensor.FromVector(1.0, 2.0, 3.0)) / 0.5;
        return -0.5 * (z * z).Sum();
    }
    // doc:end three-d-gaussian

    private static readonly double[] Gaussian3Mean = [1, 2, 3];
    private static readonly double[] Gaussian3Covariance = Diagonal([0.25, 0.25, 0.25]);

    // doc:begin rmhmc-integrators
    public static SamplingResult RmhmcWith(Integrator integrator)
    {
        var options = new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = Metric.Hessian, Integrator = integrator,
            NumSamples = 600, StepSize = 0.3, NumStepsPerSample = 5, Chains = 2, Seed = 21,
        };
        // Each integrator has its own knob; setting the other one's is an error naming it.
        options = integrator == Integrator.Implicit
            ? options with { FixedPointThreshold = 1e-8 }   // the tolerance of the fixed-point solves
            : options with { ExplicitBindingConst = 2 };    // ω, how strongly the two copies are bound
        return Sampling.Sample(Gaussian3, [0.5, 1.5, 2.5], options);
    }
    // doc:end rmhmc-integrators

    [TestCase(Integrator.Implicit)]
    [TestCase(Integrator.Explicit)]
    public void BothRmhmcIntegratorsSampleTheGaussian(Integrator integrator)
    {
        var result = RmhmcWith(integrator);
        MomentCheck.AssertGaussianMoments(result, Gaussian3Mean, Gaussian3Covariance);
        var chain = result.Chains[0];
        TestContext.Out.WriteLine($"{integrator}: acceptance {result.AcceptanceRate}, fixed-point iterations {chain.MaxFixedPointIterations}, residual {chain.MaxFixedPointResidual}");
        Assert.That(chain.FixedPointFailures, Is.Zero);
        if (integrator == Integrator.Implicit)
        {
            Assert.That(chain.MaxFixedPointIterations, Is.GreaterThan(0), "the implicit integrator reports its solves");
            Assert.That(chain.MaxFixedPointResidual, Is.LessThan(1e-8));
        }
        else
        {
            Assert.That(chain.MaxFixedPointIterations, Is.Zero, "the explicit integrator solves nothing");
        }
    }

    // doc:begin riemannian-nuts
    public static SamplingResult RiemannianNuts() =>
        Sampling.Sample(Gaussian3, [0.5, 1.5, 2.5], new SampleOptions
        {
            Sampler = Sampler.RmNuts, Metric = Metric.SoftAbs, NumSamples = 600, Burn = 200, StepSize = 0.4, Chains = 2, Seed = 5,
        });
    // doc:end riemannian-nuts

    [Test]
    public void RiemannianNutsSamplesTheGaussianWithTrees()
    {
        var result = RiemannianNuts();
        MomentCheck.AssertGaussianMoments(result, Gaussian3Mean, Gaussian3Covariance);
        Assert.That(result.Chains.SelectMany(c => c.Statistics).Max(s => s.TreeDepth), Is.GreaterThan(1), "the tree doubles more than once");
    }

    // doc:begin fisher-jitter
    public static SamplingResult FisherDiagonalFromTheMode(double? jitter) =>
        Sampling.Sample(Gaussian3, [1.0, 2.0, 3.0], new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = Metric.FisherDiagonal, Jitter = jitter,
            NumSamples = 1000, StepSize = 0.2, NumStepsPerSample = 5, Chains = 4, Seed = 21,
        });
    // doc:end fisher-jitter

    [Test]
    public void TheFisherMetricNeedsJitterAtTheMode()
    {
        var stuck = FisherDiagonalFromTheMode(jitter: null);
        TestContext.Out.WriteLine($"no jitter: invalid {stuck.InvalidProposals}, accepted {stuck.Chains.Sum(c => c.Accepted)}");
        Assert.That(stuck.Chains.Sum(c => c.Accepted), Is.Zero, "G = diag(g²) = 0 at the mode: no momentum can be drawn");
        Assert.That(stuck.InvalidProposals, Is.EqualTo(stuck.TotalDraws));

        var jittered = FisherDiagonalFromTheMode(jitter: 10);
        TestContext.Out.WriteLine($"jitter 10: acceptance {jittered.AcceptanceRate}, invalid {jittered.InvalidProposals}");
        MomentCheck.AssertGaussianMoments(jittered, Gaussian3Mean, Gaussian3Covariance);
    }

    private static double StepsPerDraw(SamplingResult result) => result.Chains.SelectMany(c => c.Statistics).Average(s => s.LeapfrogSteps);

    private static double[] Diagonal(double[] values)
    {
        int n = values.Length;
        var m = new double[n * n];
        for (int i = 0; i < n; i++) m[i * n + i] = values[i];
        return m;
    }
}
