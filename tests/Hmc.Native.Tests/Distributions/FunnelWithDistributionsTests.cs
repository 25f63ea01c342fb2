using Hmc.Native.Cli.Targets;
using Hmc.Native.Distributions;
using Hmc.Native.Metrics;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Distributions;

/// <summary>
/// Neal's funnel written with distribution objects, as a user would: proposals with an extreme v make the scale
/// √exp(−v) of the x's 0 or ∞, which must reject the proposal, not stop the run.
/// </summary>
public class FunnelWithDistributionsTests
{
    /// <summary>v ~ N(0, 3²), x_i | v ~ N(0, e^{−v}): the density of <see cref="FunnelTarget.LogDensity"/> with <see cref="Normal{T}"/> objects.</summary>
    private static Tensor<double> Funnel(Tensor<double> w)
    {
        var v = w[0];
        var x = w[1..];
        var zero = w.ScalarLike(0.0);
        return new Normal<double>(zero, w.ScalarLike(FunnelTarget.VStandardDeviation)).LogProb(v)
             + new Normal<double>(zero, (-v).Exp().Sqrt()).LogProb(x).Sum();
    }

    private static double[] Init()
    {
        var init = Enumerable.Repeat(1.0, FunnelTarget.Dimensions + 1).ToArray();
        init[0] = 0;
        return init;
    }

    [Test]
    public void TheDistributionFunnelHasTheTargetsLogDensity()
    {
        double[] w = [0.7, 0.3, -1.2, 0.5, 2.0, -0.1, 0.0, 1.1, -0.6, 0.9, 0.2];
        var point = Tensor.FromVector(w);
        Assert.That(Funnel(point).ToScalar(), Is.EqualTo(FunnelTarget.LogDensity(point).ToScalar()).Within(1e-12));
    }

    public static IEnumerable<TestCaseData> Samplers()
    {
        yield return new TestCaseData(new SampleOptions { NumSamples = 500, StepSize = 1.0, NumStepsPerSample = 25, Seed = 1 }, false)
            .SetArgDisplayNames("HMC");
        // The tree stops at the first leaf whose energy error is above 1000 or not finite and reports it divergent.
        yield return new TestCaseData(new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 500, StepSize = 1.0, Seed = 1 }, true)
            .SetArgDisplayNames("NUTS");
        yield return new TestCaseData(new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = Metric.SoftAbs, StepSize = 0.5, NumStepsPerSample = 10, NumSamples = 30, Seed = 1,
        }, false).SetArgDisplayNames("implicit RMHMC");
    }

    [TestCaseSource(nameof(Samplers))]
    public void SamplingCompletesAndCountsTheRejectedProposals(SampleOptions options, bool countedAsDivergences)
    {
        var result = Sampling.Sample(Funnel, Init(), options);
        Assert.That(result.TotalDraws, Is.EqualTo(options.NumSamples * result.Chains.Count));
        Assert.That(countedAsDivergences ? result.Divergences : result.InvalidProposals, Is.GreaterThan(0));
    }
}
