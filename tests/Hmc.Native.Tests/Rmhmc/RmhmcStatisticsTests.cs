using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Rmhmc;

public class RmhmcStatisticsTests
{
    private static readonly double[] Mean = [1, 2, 3];
    private static readonly double[] Covariance = [0.25, 0, 0, 0, 0.25, 0, 0, 0, 0.25];

    private static Tensor<double> Gaussian(Tensor<double> x)
    {
        var z = (x - Tensor.FromVector(Mean)) / 0.5;
        return -0.5 * (z * z).Sum();
    }

    [TestCase(Metric.Hessian, Integrator.Implicit, 0.0, 0.3)]
    [TestCase(Metric.Hessian, Integrator.Explicit, 0.0, 0.3)]
    [TestCase(Metric.SoftAbs, Integrator.Implicit, 0.0, 0.3)]
    [TestCase(Metric.FisherDiagonal, Integrator.Implicit, 10.0, 0.2)]
    public void RmhmcReproducesThe3DGaussian(Metric metric, Integrator integrator, double jitter, double stepSize)
    {
        var result = Sampling.Sample(Gaussian, [0.5, 1.5, 2.5], new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = metric, Integrator = integrator, NumSamples = 600, StepSize = stepSize,
            NumStepsPerSample = 5, Chains = 2, Seed = 21, Jitter = jitter,
            ExplicitBindingConst = integrator == Integrator.Explicit ? 2 : new SampleOptions().ExplicitBindingConst,
        });
        if (metric != Metric.FisherDiagonal)
            Assert.That(result.Chains.Sum(c => c.FixedPointFailures), Is.Zero, "a constant metric makes every fixed point converge");
        MomentCheck.AssertGaussianMoments(result, Mean, Covariance);
    }

    [TestCase(Metric.Hessian)]
    [TestCase(Metric.SoftAbs)]
    public void RiemannianNutsReproducesThe3DGaussian(Metric metric)
    {
        var result = Sampling.Sample(Gaussian, [0.5, 1.5, 2.5], new SampleOptions
        {
            Sampler = Sampler.RmNuts, Metric = metric, NumSamples = 600, StepSize = 0.4, Chains = 2, Seed = 5,
        });
        Assert.That(result.Chains[0].Statistics.Max(s => s.TreeDepth), Is.GreaterThan(1), "the tree grows beyond one doubling");
        MomentCheck.AssertGaussianMoments(result, Mean, Covariance);
    }

    [Test]
    public void RiemannianNutsRefusesTheExplicitIntegrator() =>
        Assert.Throws<NotSupportedException>(() => Sampling.Sample(Gaussian, [1, 2, 3], new SampleOptions
        {
            Sampler = Sampler.RmNuts, Integrator = Integrator.Explicit, NumSamples = 5, Chains = 1,
        }));

    [Test, Category("Slow")]
    public void ImplicitSoftAbsRmhmcWithAnAdaptedStepSizeSamplesTheFunnelsVMarginal()
    {
        // A fixed trajectory of L 35 steps with ε adapted towards an acceptance of 0.95 (ε ≈ 0.2, about 7 time units)
        // moves v across most of its range in one transition, where Riemannian NUTS stops after about 4 time units;
        // below δ 0.95 the implicit solves break down in a few per cent of the transitions.
        var result = Sampling.Sample(TestTargets.Funnel, FunnelStart(), new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = Metric.SoftAbs, Integrator = Integrator.Implicit, SoftAbsConst = 1e6, NumSamples = 1000, Burn = 1000,
            AdaptStepSize = true, DesiredAcceptRate = 0.95, StepSize = 0.15, NumStepsPerSample = 35, Chains = 4, Seed = 8,
        });
        var v = result.ParameterDraws(0);
        TestContext.Out.WriteLine($"bulk ESS(v) {Hmc.Native.Diagnostics.EffectiveSampleSize.Bulk(v)}, R-hat {Hmc.Native.Diagnostics.Rhat.RankNormalized(v)}, step size {result.Chains[0].StepSize}");
        Assert.That(result.Divergences, Is.LessThan(result.TotalDraws / 100), "divergences in fewer than 1 % of the draws");
        Assert.That(Hmc.Native.Diagnostics.EffectiveSampleSize.Bulk(v), Is.GreaterThan(1000), "v mixes: a bulk ESS above a quarter of the draws");
        Assert.That(Hmc.Native.Diagnostics.Rhat.RankNormalized(v), Is.LessThan(1.01));
        AssertFunnelsVMarginal(result);
    }

    [Test, Category("Slow")]
    public void SoftAbsRiemannianNutsReproducesTheFunnelsVMarginal()
    {
        // δ 0.95: at Stan's 0.8 dual averaging settles on ε ≈ 0.37, and about 12 % of the transitions end in a
        // divergence or a failed fixed point (mostly at v < 0); at 0.95 (ε ≈ 0.22) fewer than 1 % do.
        var result = Sampling.Sample(TestTargets.Funnel, FunnelStart(), new SampleOptions
        {
            Sampler = Sampler.RmNuts, Metric = Metric.SoftAbs, SoftAbsConst = 1e6, NumSamples = 1000, Burn = 1000, StepSize = 0.1,
            DesiredAcceptRate = 0.95, Chains = 4, Seed = 8,
        });
        Assert.That(result.Divergences, Is.LessThan(result.TotalDraws / 100), "divergences in fewer than 1 % of the draws");
        AssertFunnelsVMarginal(result);
    }

    private static double[] FunnelStart()
    {
        var init = Enumerable.Repeat(1.0, 11).ToArray();
        init[0] = 0;
        return init;
    }

    /// <summary>
    /// v ~ N(0, 3²): its mean, variance and the probabilities of falling below the 5 % and 95 % quantiles of N(0, 3²),
    /// each within the MCSE (Bonferroni over the four) and each with a bulk ESS of at least <see cref="MomentCheck.DefaultMinimumEss"/>.
    /// The KL of the histogram of v, hamiltorch's figure, is printed only: it does not see a biased sd or mean.
    /// </summary>
    private static void AssertFunnelsVMarginal(SamplingResult result)
    {
        double q05 = MathNet.Numerics.Distributions.Normal.InvCDF(0, 3, 0.05), q95 = -q05;
        var v = result.Chains.SelectMany(c => c.Draws).Select(d => d[0]).ToArray();
        TestContext.Out.WriteLine($"KL {Hmc.Native.Cli.Targets.FunnelTarget.KlOfV(v)}, mean {v.Average()}, acceptance {result.AcceptanceRate}, divergences {result.Divergences} of {result.TotalDraws}");
        MomentCheck.AssertMoments(result,
        [
            ("mean of v", d => d[0], 0),
            ("variance of v", d => d[0] * d[0], 9),
            ("P(v < q05)", d => d[0] < q05 ? 1 : 0, 0.05),
            ("P(v < q95)", d => d[0] < q95 ? 1 : 0, 0.95),
        ]);
    }

    [Test, Category("Slow")]
    public void HamiltorchsExplicitRmhmcOnTheFunnelIsPrintedNotAsserted()
    {
        // The seed's settings for explicit RMHMC: ε 0.15, L 25, α 10⁶, jitter 0.01, ω 10, with hamiltorch's binding
        // update (the exact rotation is unstable at 2ωε = 3 rad; see ExactBindingRotationDivergesAtTheSeedsSettings).
        // Its map is neither reversible nor volume-preserving (RiemannianIntegratorTests), so the Metropolis test does
        // not make it exact: over seeds 1–9 (4 × 2,000 draws) the mean of v is −0.04 to −0.37 and its sd 2.74–3.09
        // against 0 and 3, up to about 4 standard errors away. No moment of v is asserted, since the right answer is
        // not what this sampler gives; the figures are printed, and only what holds is asserted: the chains move.
        var result = ExplicitOnTheFunnel(Integrator.ExplicitSequential, samples: 2000, chains: 4);
        var v = result.Chains.SelectMany(c => c.Draws).Select(d => d[0]).ToArray();
        double kl = Hmc.Native.Cli.Targets.FunnelTarget.KlOfV(v);
        double meanZ = MomentCheck.ZScore(result, d => d[0], 0), secondMomentZ = MomentCheck.ZScore(result, d => d[0] * d[0], 9);
        TestContext.Out.WriteLine($"KL {kl}, mean {v.Average()} (z {meanZ}), second moment z {secondMomentZ}, acceptance {result.AcceptanceRate}, divergences {result.Divergences}");
        Assert.That(v.All(double.IsFinite), Is.True);
        Assert.That(result.AcceptanceRate, Is.GreaterThan(0.5), "the sequential binding update is stable at these settings");
    }

    [Test]
    public void ExactBindingRotationDivergesAtTheSeedsSettings()
    {
        // With ω 10 and ε 0.15 the binding rotates the copies' differences by 2ωε = 3 rad, nearly flipping them at
        // every step; on the SoftAbs funnel the energy error then alternates in sign and grows geometrically. The
        // chain reports it as divergences and stays where it started instead of drifting to a wrong answer.
        var result = ExplicitOnTheFunnel(Integrator.Explicit, samples: 40, chains: 1);
        Assert.That(result.Divergences + result.InvalidProposals, Is.GreaterThan(30));
        Assert.That(result.AcceptanceRate, Is.LessThan(0.1));
    }

    /// <summary>Explicit RMHMC on the funnel with the seed's settings: ε 0.15, L 25, α 10⁶, jitter 0.01, ω 10, from v = 0, x = 1.</summary>
    private static SamplingResult ExplicitOnTheFunnel(Integrator integrator, int samples, int chains)
    {
        return Sampling.Sample(TestTargets.Funnel, FunnelStart(), new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = Metric.SoftAbs, Integrator = integrator, NumSamples = samples,
            StepSize = 0.15, NumStepsPerSample = 25, Chains = chains, Seed = 8, Jitter = 0.01, SoftAbsConst = 1e6, ExplicitBindingConst = 10,
        });
    }

    [Test]
    public void BadSettingsThrowBeforeSampling()
    {
        var options = new SampleOptions { Sampler = Sampler.Rmhmc, Metric = Metric.SoftAbs, NumSamples = 5, Chains = 1 };
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(Gaussian, [1, 2, 3], options with { SoftAbsConst = double.PositiveInfinity }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(Gaussian, [1, 2, 3], options with { SoftAbsConst = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(Gaussian, [1, 2, 3], options with { Jitter = -0.1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(Gaussian, [1, 2, 3], options with { FixedPointThreshold = 0 }));
        var fused = new FusedLogDensity((x, g) => 0, 3);
        Assert.Throws<NotSupportedException>(() => Sampling.Sample(fused, [1, 2, 3], options));
    }

    [Test]
    public void ANonPositiveDefiniteHessianIsARejectionNotACrash()
    {
        // log π = −x⁴/4 + x²: its Hessian 2 − 3x² is negative for |x| > 0.82, so the Hessian metric is not positive
        // definite on part of the space; those proposals are rejected and counted.
        static Tensor<double> DoubleWell(Tensor<double> x) => (-(x * x * x * x) / 4.0 + x * x).Sum();
        var result = Sampling.Sample(DoubleWell, [0.1], new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = Metric.Hessian, NumSamples = 200, StepSize = 0.3, NumStepsPerSample = 5, Chains = 1, Seed = 2,
        });
        Assert.That(result.InvalidProposals + result.Chains[0].FixedPointFailures, Is.GreaterThan(0));
        Assert.That(result.Chains[0].Draws, Has.Count.EqualTo(200));
        Assert.That(result.Chains[0].Draws.All(d => Math.Abs(d[0]) < 0.82), Is.True, "every kept draw has a positive-definite metric");
    }

    private static Tensor<double> Quartic(Tensor<double> x) => (-(x * x * x * x) / 4.0 - 0.5 * x * x).Sum();

    [Test]
    public void FixedPointStatisticsAreReported()
    {
        var result = Sampling.Sample(Quartic, [0.5, -0.3], new SampleOptions
        {
            Sampler = Sampler.Rmhmc, NumSamples = 20, StepSize = 0.3, NumStepsPerSample = 5, Chains = 1, Seed = 1, FixedPointThreshold = 1e-8,
        });
        Assert.That(result.Chains[0].MaxFixedPointIterations, Is.GreaterThan(1));
        Assert.That(result.Chains[0].MaxFixedPointResidual, Is.LessThan(1e-8));
        var capped = Sampling.Sample(Quartic, [0.5, -0.3], new SampleOptions
        {
            Sampler = Sampler.Rmhmc, NumSamples = 20, StepSize = 0.3, NumStepsPerSample = 5, Chains = 1, Seed = 1,
            FixedPointThreshold = 1e-300, FixedPointMaxIterations = 2,
        });
        Assert.That(capped.Chains[0].FixedPointFailures, Is.EqualTo(20), "a solve that does not converge rejects the proposal");
        Assert.That(capped.Chains[0].Accepted, Is.Zero);
    }
}
