using Hmc.Native.Diagnostics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Samplers;

public class SamplingResultSummaryTests
{
    private static readonly ILogDensity Target = TestTargets.Gaussian([1.0, -2.0], [2.0, 0.5, 0.5, 1.0]);

    [Test]
    public void SummarisesTheSamplersColumnsThenTheParameters()
    {
        var result = Sampling.Sample(Target, [0.0, 0.0], new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 200, Burn = 200, Chains = 2, Seed = 3 });
        var summary = result.Summary();
        Assert.That(summary.SamplerStatistics.Select(s => s.Name), Is.EqualTo(DrawStatistics.ColumnNames));
        Assert.That(summary.Parameters.Select(s => s.Name), Is.EqualTo(new[] { "theta.1", "theta.2" }));
        Assert.That(summary.Chains, Is.EqualTo(2));
        Assert.That(summary.DrawsPerChain, Is.EqualTo(200));
        Assert.That(summary.MaxTreeDepth, Is.EqualTo(10));
        Assert.That(summary.Divergences, Is.EqualTo(result.Divergences));
        Assert.That(summary["theta.2"], Is.EqualTo(Summary.Of("theta.2", result.ParameterDraws(1))));
        var lp = result.Chains.Select(c => c.Statistics.Select(s => s.LogDensity).ToArray()).ToArray();
        Assert.That(summary["lp__"], Is.EqualTo(Summary.Of("lp__", lp)));
        var treeDepth = result.Chains.Select(c => c.Statistics.Select(s => (double)s.TreeDepth).ToArray()).ToArray();
        Assert.That(summary["treedepth__"], Is.EqualTo(Summary.Of("treedepth__", treeDepth)));
        for (int c = 0; c < 2; c++)
            Assert.That(summary.EnergyBfmi[c], Is.EqualTo(EnergyBfmi.Of([.. result.Chains[c].Statistics.Select(s => s.Energy)])));
    }

    [Test]
    public void StaticHmcHasNoTreeDepthLimitAndUnstoredDrawsLeaveOnlyTheSamplersRows()
    {
        var result = Sampling.Sample(Target, [0.0, 0.0], new SampleOptions { NumSamples = 50, Chains = 1, Seed = 3, StepSize = 0.3, StoreDraws = false });
        var summary = result.Summary();
        Assert.That(summary.MaxTreeDepth, Is.Null);
        Assert.That(summary.TreeDepthSaturations, Is.Null);
        Assert.That(summary.Parameters, Is.Empty);
        Assert.That(summary.SamplerStatistics, Has.Count.EqualTo(DrawStatistics.ColumnNames.Count));
    }
}
