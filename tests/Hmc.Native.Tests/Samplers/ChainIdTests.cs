using System.Diagnostics;
using Hmc.Native.Cli;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Reporting;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Samplers;

/// <summary>
/// <see cref="SampleOptions.ChainId"/>: a run split into parts, one per machine, gives exactly the chains of the run
/// sampled at once, so the parts' CSV files merge into it.
/// </summary>
public class ChainIdTests
{
    private static readonly ILogDensity Target = TestTargets.Gaussian([1.0, -2.0], [2.0, 0.5, 0.5, 1.0]);

    private static SampleOptions Nuts => new() { Sampler = Sampler.Nuts, NumSamples = 100, Burn = 100, Seed = 42 };

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "hmc-chain-id-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static void AssertSameChain(ChainResult part, ChainResult whole)
    {
        Assert.That(part.Chain, Is.EqualTo(whole.Chain), "chain index");
        Assert.That(part.Draws, Is.EqualTo(whole.Draws), $"draws of chain {whole.Chain + 1}");
        Assert.That(part.Statistics, Is.EqualTo(whole.Statistics), $"statistics of chain {whole.Chain + 1}");
        Assert.That(part.StepSize, Is.EqualTo(whole.StepSize), $"step size of chain {whole.Chain + 1}");
    }

    private static string[] DrawRows(string path) => [.. File.ReadLines(path).Where(l => !l.StartsWith('#'))];

    [Test]
    public void FourCallsWithChainIdsGiveTheDrawsOfOneFourChainRun()
    {
        var whole = Sampling.Sample(Target, [0.0, 0.0], Nuts with { Chains = 4, CsvPath = Path.Combine(_folder, "whole.csv") });
        var parts = new List<string>();
        for (int k = 1; k <= 4; k++)
        {
            string path = Path.Combine(_folder, $"part{k}.csv");
            var part = Sampling.Sample(Target, [0.0, 0.0], Nuts with { ChainId = k, CsvPath = path });
            Assert.That(part.Chains, Has.Count.EqualTo(1));
            AssertSameChain(part.Chains[0], whole.Chains[k - 1]);
            Assert.That(DrawRows(path), Is.EqualTo(DrawRows(Path.Combine(_folder, $"whole_{k}.csv"))), $"CSV rows of chain {k}");
            Assert.That(File.ReadLines(path), Does.Contain($"# id = {k}"));
            parts.Add(path);
        }
        var merged = CmdStanCsvSummary.Of(parts);
        Assert.That(merged.ChainIds, Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(merged.ToString(), Is.EqualTo(whole.Summary().ToString()), "the merged files summarise as the run does");
    }

    [Test]
    public void AChainIdWithChainsRunsConsecutiveChainsNamedByTheirIds()
    {
        var whole = Sampling.Sample(Target, [0.0, 0.0], Nuts with { Chains = 4 });
        var part = Sampling.Sample(Target, [0.0, 0.0], Nuts with { ChainId = 3, Chains = 2, CsvPath = Path.Combine(_folder, "part.csv") });
        Assert.That(part.Chains, Has.Count.EqualTo(2));
        AssertSameChain(part.Chains[0], whole.Chains[2]);
        AssertSameChain(part.Chains[1], whole.Chains[3]);
        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "part_3.csv", "part_4.csv" }));
        Assert.That(File.ReadLines(Path.Combine(_folder, "part_4.csv")), Does.Contain("# id = 4"));
        Assert.That(part.Summary().ChainIds, Is.EqualTo(new[] { 3, 4 }));
    }

    [Test]
    public void AModelsRandomInitialPointFollowsTheChain()
    {
        var model = new Model().Parameter("x", Constraint.Positive).WithLogDensity(p => (p["x"].Log() - 3.0 * p["x"]).Sum());
        var options = new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 50, Burn = 50, Seed = 5 };
        var whole = Sampling.Sample(model, options with { Chains = 3 });
        var part = Sampling.Sample(model, options with { ChainId = 2 });
        AssertSameChain(part.Chains[0], whole.Chains[1]);
    }

    [Test]
    public void AChainIdNeedsASeedAndAPositiveId()
    {
        var noSeed = Assert.Throws<ArgumentException>(() => Sampling.Sample(Target, [0.0, 0.0], Nuts with { Seed = null, ChainId = 2 }));
        Assert.That(noSeed!.Message, Does.Contain("ChainId is set but Seed is not"));
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(Target, [0.0, 0.0], Nuts with { ChainId = 0 }));
        Assert.That(zero!.Message, Does.Contain("ChainId must be at least 1"));
        var overflow = Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(Target, [0.0, 0.0], Nuts with { ChainId = int.MaxValue, Chains = 2 }));
        Assert.That(overflow!.Message, Does.Contain("runs chains past id"));
    }

    [Test]
    public void ACommandLineProcessRunsTheChainOfTheWholeRun()
    {
        string whole = Path.Combine(_folder, "whole.csv"), part = Path.Combine(_folder, "part.csv");
        string[] run = ["sample", "gaussian", "--sampler", "nuts", "--samples", "100", "--burn", "100", "--seed", "9", "--quiet"];
        Assert.That(Program.Run([.. run, "--chains", "2", "--csv", whole], TextWriter.Null, TextWriter.Null), Is.Zero);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "hmc.dll"), .. run, "--chain-id", "2", "--csv", part])
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd(), error = process.StandardError.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, "the child process finishes");
        Assert.That(process.ExitCode, Is.Zero, error);
        Assert.That(DrawRows(part), Is.EqualTo(DrawRows(Path.Combine(_folder, "whole_2.csv"))));
        Assert.That(File.ReadLines(part), Does.Contain("# id = 2"));

        var summary = new StringWriter();
        Assert.That(Program.Run(["summary", Path.Combine(_folder, "whole_1.csv"), part], summary, TextWriter.Null), Is.Zero);
        Assert.That(summary.ToString(), Is.EqualTo(CmdStanCsvSummary.Of([Path.Combine(_folder, "whole_1.csv"), Path.Combine(_folder, "whole_2.csv")]).ToString()));
        Assert.That(output, Does.Contain("ESS_bulk"));
    }
}
