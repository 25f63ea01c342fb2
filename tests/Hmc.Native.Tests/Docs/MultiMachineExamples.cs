using Hmc.Native.Diagnostics;
using Hmc.Native.Reporting;
using Hmc.Native.Samplers;
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Docs;

/// <summary>The example of docs/multi-machine.md, run and checked against what the guide says of it.</summary>
public class MultiMachineExamples
{
    // doc:begin chain-id
    public static RunSummary RunChainsAsParts(ILogDensity target, double[] init, string folder)
    {
        var paths = new List<string>();
        for (int k = 1; k <= 4; k++)   // on four machines, each runs its own k
        {
            string path = Path.Combine(folder, $"chain_{k}.csv");
            Sampling.Sample(target, init, new SampleOptions
            {
                Sampler = Sampler.Nuts, NumSamples = 500, Burn = 500, Seed = 20261203, ChainId = k, CsvPath = path,
            });
            paths.Add(path);
        }
        return CmdStanCsvSummary.Of(paths);   // what `hmc summary chain_*.csv` prints
    }
    // doc:end chain-id

    [Test]
    public void ThePartsMergeIntoTheRunSampledAtOnce()
    {
        string folder = Path.Combine(Path.GetTempPath(), "hmc-multi-machine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var target = TestTargets.Gaussian([1.0, -2.0], [2.0, 0.5, 0.5, 1.0]);
            var merged = RunChainsAsParts(target, [0.0, 0.0], folder);
            var whole = Sampling.Sample(target, [0.0, 0.0], new SampleOptions
            {
                Sampler = Sampler.Nuts, NumSamples = 500, Burn = 500, Seed = 20261203, Chains = 4,
            });
            Assert.That(merged.ToString(), Is.EqualTo(whole.Summary().ToString()));
            Assert.That(merged.ChainIds, Is.EqualTo(new[] { 1, 2, 3, 4 }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
