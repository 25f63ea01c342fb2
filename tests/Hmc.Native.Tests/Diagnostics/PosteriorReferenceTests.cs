using Hmc.Native.Diagnostics;
using Hmc.Native.Reporting;

namespace Hmc.Native.Tests.Diagnostics;

/// <summary>
/// Every diagnostic against R: tests/r/diagnostics.R reads the fixture's CmdStan CSV files (written by our
/// <see cref="CmdStanCsvWriter"/>) with rstan's <c>read_stan_csv</c> and summarises them with R's posterior package;
/// posterior.json holds its output. Agreement to 1e−8 relative checks the FFT autocovariance, the ranks and their
/// normal scores, the splitting, folding, Geyer truncation and R's indexing quirks together, and that rstan reads the
/// files as we wrote them.
/// </summary>
public class PosteriorReferenceTests
{
    private const double RelativeTolerance = 1e-8;

    private static IEnumerable<string> SetNames => ReferenceDraws.Names;

    private static IEnumerable<DiagnosticsFixture.RSet> Sets => DiagnosticsFixture.RSets;

    private static IEnumerable<DiagnosticsFixture.RVariable> Variables => DiagnosticsFixture.RSets.SelectMany(s => s.Variables);

    [Test]
    [Explicit("Rewrites the fixture's CSV files in the source tree; run tests/r/diagnostics.R after it.")]
    public void WriteFixtureDraws()
    {
        string folder = Path.Combine(RepositoryRoot(), "tests", "Hmc.Native.Tests", "Fixtures", "Diagnostics");
        Directory.CreateDirectory(folder);
        foreach (string set in ReferenceDraws.Names) DiagnosticsFixture.Write(folder, set);
    }

    [Test]
    public void EveryDataSetHasRsValues() =>
        Assert.That(DiagnosticsFixture.RSets.Select(s => s.Name), Is.EqualTo(ReferenceDraws.Names));

    [TestCaseSource(nameof(SetNames))]
    public void TheFixtureFilesHoldTheReferenceDraws(string set)
    {
        var expected = ReferenceDraws.Columns(set);
        var files = DiagnosticsFixture.Files(set);
        Assert.That(files, Has.Count.EqualTo(expected.Length));
        for (int c = 0; c < files.Count; c++)
        {
            var csv = CmdStanCsvReader.Read(files[c]);
            Assert.That(csv.ParameterNames, Is.EqualTo(ReferenceDraws.ParameterNames(set)));
            for (int p = 0; p < csv.ParameterNames.Count; p++)
                Assert.That(csv.Column(csv.ParameterNames[p]).ToArray(), Is.EqualTo(expected[c][p]), $"chain {c + 1}, {csv.ParameterNames[p]}");
        }
    }

    [TestCaseSource(nameof(Sets))]
    public void RstanReadsTheFilesAsWritten(DiagnosticsFixture.RSet r)
    {
        var expected = ReferenceDraws.Columns(r.Name);
        int chains = expected.Length, draws = expected[0][0].Length;
        Assert.Multiple(() =>
        {
            Assert.That(r.Chains, Is.EqualTo(chains), "chains");
            Assert.That(r.DrawsPerChain, Is.EqualTo(draws), "draws per chain");
            Assert.That(r.Warmup, Is.Zero, "warm-up");
            Assert.That(r.Thin, Is.EqualTo(1), "thin");
            Assert.That(r.ChainIds, Is.EqualTo(Enumerable.Range(1, chains).Select(i => (double)i)), "chain ids");
            Assert.That(r.Samplers, Is.All.EqualTo("NUTS(diag_e)"), "sampler");
            Assert.That(r.StepSizes, Is.All.EqualTo(DiagnosticsFixture.StepSize), "step sizes");
            Assert.That(r.WarmUpSeconds, Is.EqualTo(Enumerable.Range(0, chains).Select(DiagnosticsFixture.WarmUpSeconds)), "warm-up seconds");
            Assert.That(r.SamplingSeconds, Is.EqualTo(Enumerable.Range(0, chains).Select(DiagnosticsFixture.SamplingSeconds)), "sampling seconds");
            Assert.That(r.Divergences, Is.All.EqualTo((double)Enumerable.Range(0, draws).Count(DiagnosticsFixture.Divergent)), "divergences");
            // rstan knows only CmdStan's seven sampler columns and reads any other column, invalid__ too, as a parameter.
            Assert.That(r.Variables.Select(v => v.Name), Is.EquivalentTo(ReferenceDraws.ParameterNames(r.Name).Append("lp__").Append("invalid__")), "variables");
        });
    }

    [TestCaseSource(nameof(Variables))]
    public void DiagnosticsMatchPosterior(DiagnosticsFixture.RVariable r)
    {
        var draws = Draws(r.Set, r.Name);
        var summary = Summary.Of(r.Name, draws);
        Assert.Multiple(() =>
        {
            AssertMatches(EffectiveSampleSize.Basic(draws), r["ess_basic"], "ess_basic");
            AssertMatches(EffectiveSampleSize.Bulk(draws), r["ess_bulk"], "ess_bulk");
            AssertMatches(EffectiveSampleSize.Tail(draws), r["ess_tail"], "ess_tail");
            AssertMatches(EffectiveSampleSize.Quantile(draws, 0.5), r["ess_median"], "ess_median");
            AssertMatches(Rhat.Basic(draws), r["rhat_basic"], "rhat_basic");
            AssertMatches(Rhat.RankNormalized(draws), r["rhat"], "rhat");
            AssertMatches(MonteCarloStandardError.Mean(draws), r["mcse_mean"], "mcse_mean");
            AssertMatches(MonteCarloStandardError.Quantile(draws, 0.05), r["mcse_q5"], "mcse_q5");
            AssertMatches(MonteCarloStandardError.Quantile(draws, 0.5), r["mcse_median"], "mcse_median");
            AssertMatches(MonteCarloStandardError.Quantile(draws, 0.95), r["mcse_q95"], "mcse_q95");
            AssertMatches(summary.Mean, r["mean"], "mean");
            AssertMatches(summary.StandardDeviation, r["sd"], "sd");
            AssertMatches(summary.Q5, r["q5"], "q5");
            AssertMatches(summary.Median, r["median"], "median");
            AssertMatches(summary.Q95, r["q95"], "q95");
            AssertMatches(summary.McseMean, r["mcse_mean"], "summary mcse_mean");
            AssertMatches(summary.EssBulk, r["ess_bulk"], "summary ess_bulk");
            AssertMatches(summary.EssTail, r["ess_tail"], "summary ess_tail");
            AssertMatches(summary.Rhat, r["rhat"], "summary rhat");
        });
    }

    private static double[][] Draws(string set, string column) =>
        DiagnosticsFixture.Files(set).Select(f => CmdStanCsvReader.Read(f).Column(column).ToArray()).ToArray();

    private static void AssertMatches(double actual, double expected, string what)
    {
        if (double.IsNaN(expected))
            Assert.That(actual, Is.NaN, what);
        else
            Assert.That(actual, Is.EqualTo(expected).Within(RelativeTolerance * Math.Max(Math.Abs(expected), 1e-300)), what);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Hmc.Native.sln"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException("No Hmc.Native.sln above the test assembly.");
    }
}
