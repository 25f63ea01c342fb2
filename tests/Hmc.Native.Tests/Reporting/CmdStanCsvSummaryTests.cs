using Hmc.Native.Diagnostics;
using Hmc.Native.Reporting;
using Hmc.Native.Tests.Diagnostics;

namespace Hmc.Native.Tests.Reporting;

public class CmdStanCsvSummaryTests
{
    private const double RelativeTolerance = 1e-8;

    private static string[] RstanFiles =>
        [Path.Combine(DiagnosticsFixture.RstanFolder, "tiny_diag_1.csv"), Path.Combine(DiagnosticsFixture.RstanFolder, "tiny_diag_2.csv")];

    private static void AssertMatches(double actual, double expected, string what)
    {
        if (double.IsNaN(expected))
            Assert.That(actual, Is.NaN, what);
        else
            Assert.That(actual, Is.EqualTo(expected).Within(RelativeTolerance * Math.Abs(expected)), what);
    }

    [Test]
    public void RstansFilesSummariseAsRsPosteriorDoes()
    {
        var summary = CmdStanCsvSummary.Of(RstanFiles);
        var r = DiagnosticsFixture.RstanSet;
        Assert.That(summary.Chains, Is.EqualTo(r.Chains));
        Assert.That(summary.DrawsPerChain, Is.EqualTo(r.DrawsPerChain), "the saved warm-up draws are left out");
        Assert.That(summary.ChainIds, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(summary.MaxTreeDepth, Is.EqualTo(10));
        Assert.That(summary.Divergences, Is.EqualTo((int)r.Divergences.Sum()));
        Assert.That(summary.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "theta.1", "theta.2", "L.1.1", "L.2.1", "L.1.2", "L.2.2", "sigma" }));
        for (int c = 0; c < r.Chains; c++) AssertMatches(summary.EnergyBfmi[c], r.Ebfmi[c], $"E-BFMI of chain {c + 1} (rstan's get_bfmi)");
        foreach (var variable in r.Variables)
        {
            var row = summary[variable.Name];
            Assert.Multiple(() =>
            {
                AssertMatches(row.Mean, variable["mean"], variable.Name + " mean");
                AssertMatches(row.StandardDeviation, variable["sd"], variable.Name + " sd");
                AssertMatches(row.McseMean, variable["mcse_mean"], variable.Name + " mcse_mean");
                AssertMatches(row.Q5, variable["q5"], variable.Name + " q5");
                AssertMatches(row.Median, variable["median"], variable.Name + " median");
                AssertMatches(row.Q95, variable["q95"], variable.Name + " q95");
                AssertMatches(row.EssBulk, variable["ess_bulk"], variable.Name + " ess_bulk");
                AssertMatches(row.EssTail, variable["ess_tail"], variable.Name + " ess_tail");
                AssertMatches(row.Rhat, variable["rhat"], variable.Name + " rhat");
            });
        }
        Assert.That(summary.Warnings, Is.Empty);
    }

    [Test]
    public void OurFixtureFilesWarnOfTheirDivergences()
    {
        var summary = CmdStanCsvSummary.Of(DiagnosticsFixture.Files("F"));
        Assert.That(summary.Divergences, Is.EqualTo(16), "every fiftieth of 4 × 200 draws");
        Assert.That(summary.TreeDepthSaturations, Is.Zero);
        Assert.That(summary.ChainIds, Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(summary.Warnings, Has.Count.EqualTo(1));
        Assert.That(summary.Warnings[0], Does.StartWith("16 of 800 (2%) transitions ended with a divergence."));
        Assert.That(summary.ToString(), Does.StartWith("4 chains: each with 200 draws; 800 draws in all.\n"));
    }

    [Test]
    public void SavedWarmUpRowsAreCountedFromNumWarmupAndThin()
    {
        string text(int id) =>
            $"# method = sample\n#     num_warmup = 5\n#     save_warmup = 1\n#     thin = 2\n# id = {id}\nlp__,x\n" +
            "-1,100\n-1,100\n-1,100\n-1,1\n-1,2\n-1,3\n-1,4\n";
        var chains = new[] { CmdStanCsvReader.Read(new StringReader(text(3))), CmdStanCsvReader.Read(new StringReader(text(7))) };
        var summary = CmdStanCsvSummary.Of(chains);
        Assert.That(summary.DrawsPerChain, Is.EqualTo(4), "⌈5/2⌉ = 3 warm-up rows are left out");
        Assert.That(summary["x"].Mean, Is.EqualTo(2.5));
        Assert.That(summary.ChainIds, Is.EqualTo(new[] { 3, 7 }));
        Assert.That(summary.MaxTreeDepth, Is.Null);
    }

    [Test]
    public void FilesThatDoNotFitTogetherAreRefusedByName()
    {
        var a = CmdStanCsvReader.Read(new StringReader("lp__,x\n1,2\n"));
        var b = CmdStanCsvReader.Read(new StringReader("lp__,y\n1,2\n"));
        var ex = Assert.Throws<InvalidDataException>(() => CmdStanCsvSummary.Of([a, b], ["a.csv", "b.csv"]));
        Assert.That(ex!.Message, Does.Contain("b.csv has columns lp__,y").And.Contain("a.csv has lp__,x"));
        var warmUpOnly = CmdStanCsvReader.Read(new StringReader("# save_warmup = 1\nlp__,x\n1,2\n"));
        var noCount = Assert.Throws<InvalidDataException>(() => CmdStanCsvSummary.Of([warmUpOnly], ["w.csv"]));
        Assert.That(noCount!.Message, Does.Contain("w.csv saves its warm-up draws").And.Contain("num_warmup"));
        var none = Assert.Throws<ArgumentException>(() => CmdStanCsvSummary.Of(Array.Empty<CmdStanCsv>()));
        Assert.That(none!.Message, Does.Contain("At least one CSV file"));
    }
}
