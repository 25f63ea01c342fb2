using Hmc.Native.Diagnostics;

namespace Hmc.Native.Tests.Diagnostics;

public class RunSummaryTests
{
    private static readonly string[] Columns = ["lp__", "treedepth__", "divergent__", "energy__", "x"];

    // Two chains of 8 draws. Chain 1: energies alternate 0, 1 (E-BFMI = (7/8)/(8/28) = 3.0625), tree depth 10 (the maximum)
    // twice, one divergence. Chain 2: energies 0 … 7 climb steadily (E-BFMI = (7/8)/6 = 0.1458…), no saturation, two divergences.
    private static RunSummary TwoChains(int? maxTreeDepth = 10) => RunSummary.Of(Columns, TwoChainsColumns(), maxTreeDepth);

    [Test]
    public void CountsDivergencesSaturationsAndTheEnergyBfmiOfEachChain()
    {
        var summary = TwoChains();
        Assert.That(summary.Chains, Is.EqualTo(2));
        Assert.That(summary.DrawsPerChain, Is.EqualTo(8));
        Assert.That(summary.Divergences, Is.EqualTo(3));
        Assert.That(summary.TreeDepthSaturations, Is.EqualTo(2));
        Assert.That(summary.EnergyBfmi[0], Is.EqualTo(7.0 / 8 / (8.0 / 28)).Within(1e-15));
        Assert.That(summary.EnergyBfmi[1], Is.EqualTo(7.0 / 8 / 6).Within(1e-15));
        Assert.That(summary.SamplerStatistics.Select(s => s.Name), Is.EqualTo(new[] { "lp__", "treedepth__", "divergent__", "energy__" }));
        Assert.That(summary.Parameters.Select(s => s.Name), Is.EqualTo(new[] { "x" }));
        Assert.That(summary["x"].Mean, Is.EqualTo(4.5));
        Assert.That(summary["x"].Median, Is.EqualTo(4.5));
        Assert.That(summary["lp__"].Mean, Is.EqualTo(-1.5));
    }

    [Test]
    public void WarnsAsStanDoes()
    {
        var warnings = TwoChains().Warnings;
        Assert.That(warnings, Has.Count.EqualTo(3));
        Assert.That(warnings[0], Does.StartWith("3 of 16 (18.8%) transitions ended with a divergence."));
        Assert.That(warnings[1], Does.StartWith("2 of 16 (12.5%) transitions hit the maximum tree depth limit of 10, or 2^10 leapfrog steps."));
        Assert.That(warnings[2], Does.StartWith("Chain 2: E-BFMI = 0.146, below the nominal threshold of 0.3"));
    }

    [Test]
    public void WithoutAMaximumTreeDepthNoSaturationIsCounted()
    {
        var summary = TwoChains(maxTreeDepth: null);
        Assert.That(summary.TreeDepthSaturations, Is.Null);
        Assert.That(summary.Warnings, Has.Count.EqualTo(2));
    }

    [Test]
    public void RendersTheTableUnderTheRunAndTheWarningsUnderTheTable()
    {
        var summary = TwoChains();
        string text = summary.ToString();
        string table = SummaryTable.FormatBlocks([summary.SamplerStatistics, summary.Parameters]);
        Assert.That(text, Does.StartWith("2 chains: each with 8 draws; 16 draws in all.\n\n" + table));
        Assert.That(text, Does.EndWith("\n" + summary.Warnings[2] + "\n"));
        var lines = table.Split('\n');
        Assert.That(lines[1], Is.Empty, "a blank line under the header");
        Assert.That(lines[2], Does.StartWith("lp__"));
        Assert.That(lines[6], Is.Empty, "a blank line between the sampler's rows and the parameters");
        Assert.That(lines[7], Does.StartWith("x "));
    }

    [Test]
    public void NamesChainsByTheirIds()
    {
        var summary = RunSummary.Of(Columns, TwoChainsColumns(), 10, [5, 9]);
        Assert.That(summary.Warnings[2], Does.StartWith("Chain 9: E-BFMI"));
    }

    [Test]
    public void BadInputIsNamed()
    {
        var none = Assert.Throws<ArgumentException>(() => RunSummary.Of(Columns, []));
        Assert.That(none!.Message, Does.Contain("At least one chain"));
        var ragged = Assert.Throws<ArgumentException>(() => RunSummary.Of(["a", "b"], [[[1.0, 2.0], [1.0]]]));
        Assert.That(ragged!.Message, Does.Contain("same number of draws").And.Contain("chain 1"));
        var missing = Assert.Throws<ArgumentException>(() => RunSummary.Of(["a", "b"], [[[1.0, 2.0]]]));
        Assert.That(missing!.Message, Does.Contain("one array per column (2)"));
        var repeated = Assert.Throws<ArgumentException>(() => RunSummary.Of(["a", "a"], [[[1.0], [1.0]]]));
        Assert.That(repeated!.Message, Does.Contain("Column names repeat"));
        var ids = Assert.Throws<ArgumentException>(() => RunSummary.Of(Columns, TwoChainsColumns(), 10, [1]));
        Assert.That(ids!.Message, Does.Contain("1 chain ids were given for 2 chains"));
        var unknown = Assert.Throws<KeyNotFoundException>(() => _ = TwoChains()["y"]);
        Assert.That(unknown!.Message, Does.Contain("no row 'y'"));
    }

    private static IReadOnlyList<IReadOnlyList<double[]>> TwoChainsColumns() =>
    [
        [[-1, -2, -1, -2, -1, -2, -1, -2], [3, 10, 3, 3, 10, 3, 3, 3], [0, 0, 1, 0, 0, 0, 0, 0], [0, 1, 0, 1, 0, 1, 0, 1], [1, 2, 3, 4, 5, 6, 7, 8]],
        [[-1, -2, -1, -2, -1, -2, -1, -2], [3, 3, 3, 3, 3, 3, 3, 3], [1, 0, 0, 0, 0, 0, 0, 1], [0, 1, 2, 3, 4, 5, 6, 7], [8, 7, 6, 5, 4, 3, 2, 1]],
    ];
}
