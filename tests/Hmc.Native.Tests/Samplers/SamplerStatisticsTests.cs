using Hmc.Native.Adaptation;
using Hmc.Native.Metrics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Samplers;

public class SamplerStatisticsTests
{
    private static readonly double[] GaussianMean = [1, 2, 3];
    private static readonly double[] GaussianCovariance = [0.25, 0, 0, 0, 1, 0, 0, 0, 4];

    [Test]
    public void HmcReproducesThe3DGaussian()
    {
        var density = TestTargets.Gaussian(GaussianMean, TestTargets.Inverse(GaussianCovariance, 3));
        var result = Sampling.Sample(density, [0, 0, 0], new SampleOptions
        {
            NumSamples = 2000, Burn = 200, StepSize = 0.3, NumStepsPerSample = 8, Chains = 4, Seed = 42,
            InverseMass = new DiagonalMetric([0.25, 1, 4]),
        });
        Assert.That(result.InvalidProposals, Is.Zero);
        MomentCheck.AssertGaussianMoments(result, GaussianMean, GaussianCovariance);
    }

    [Test]
    public void NutsReproducesThe3DGaussian()
    {
        var density = TestTargets.Gaussian(GaussianMean, TestTargets.Inverse(GaussianCovariance, 3));
        var result = Sampling.Sample(density, [0, 0, 0], new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 500, Chains = 4, Seed = 7,
        });
        MomentCheck.AssertGaussianMoments(result, GaussianMean, GaussianCovariance);
    }

    [TestCase(Sampler.Nuts)]
    [TestCase(Sampler.Hmc)]
    public void SamplersReproduceACorrelatedGaussian(Sampler sampler)
    {
        double[] mean = [0.5, -1];
        double[] cov = [1, 0.9, 0.9, 1];
        var density = TestTargets.Gaussian(mean, TestTargets.Inverse(cov, 2));
        var result = Sampling.Sample(density, [0, 0], new SampleOptions
        {
            Sampler = sampler, NumSamples = 2000, Burn = 500, Chains = 4, Seed = 11, StepSize = 0.2,
            NumStepsPerSample = sampler == Sampler.Hmc ? 12 : new SampleOptions().NumStepsPerSample,
        });
        MomentCheck.AssertGaussianMoments(result, mean, cov, correlations: true);
    }

    [Test, Category("Slow")]
    public void NutsWithDenseAdaptationReproducesAnIllConditioned100DGaussian()
    {
        const int n = 100;
        var cov = TestTargets.RandomCovariance(n, 0.01, 100, seed: 2026);
        var mean = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        var density = TestTargets.Gaussian(mean, TestTargets.Inverse(cov, n));
        var result = Sampling.Sample(density, new double[n], new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 1000, Chains = 4, Seed = 3, AdaptMass = MassMatrixAdaptation.Dense,
        });
        Assert.That(result.Divergences, Is.Zero);
        MomentCheck.AssertGaussianMoments(result, mean, cov);
    }

    [TestCase(0.8)]
    [TestCase(0.65)]
    public void StepSizeAdaptationReachesTheTargetAcceptance(double target)
    {
        const int n = 50;
        var cov = TestTargets.RandomCovariance(n, 0.5, 5, seed: 8);
        var density = TestTargets.Gaussian(new double[n], TestTargets.Inverse(cov, n));
        var result = Sampling.Sample(density, new double[n], new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 1000, Chains = 2, Seed = 5, DesiredAcceptRate = target,
            AdaptMass = MassMatrixAdaptation.Dense,
        });
        TestContext.Out.WriteLine($"acceptance {result.AcceptanceRate}");
        Assert.That(result.AcceptanceRate, Is.EqualTo(target).Within(0.05));
    }

    [Test]
    public void HmcStepSizeAdaptationReachesTheTargetAcceptance()
    {
        var density = TestTargets.Gaussian(GaussianMean, TestTargets.Inverse(GaussianCovariance, 3));
        var result = Sampling.Sample(density, [0, 0, 0], new SampleOptions
        {
            NumSamples = 3000, Burn = 1000, Chains = 2, Seed = 9, NumStepsPerSample = 5, AdaptStepSize = true,
        });
        double meanAcceptStat = result.Chains.SelectMany(c => c.Statistics).Average(s => s.AcceptStat);
        Assert.That(meanAcceptStat, Is.EqualTo(0.8).Within(0.05));
    }
}
