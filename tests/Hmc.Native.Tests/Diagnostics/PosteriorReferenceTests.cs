using Hmc.Native.Diagnostics;

namespace Hmc.Native.Tests.Diagnostics;

/// <summary>
/// Every diagnostic against an independent transcription of R posterior's formulas (see
/// <see cref="ReferenceDraws"/>). The reference uses a naive autocovariance and a different normal quantile
/// and beta quantile, so agreement to 1e−10 relative checks the FFT, the ranks, the Geyer truncation and the
/// R indexing quirks together.
/// </summary>
public class PosteriorReferenceTests
{
    private const double RelativeTolerance = 1e-10;

    private static IEnumerable<PosteriorReference> Cases => PosteriorReference.All;

    private static void AssertMatches(double actual, double expected, string what)
    {
        if (double.IsNaN(expected))
            Assert.That(actual, Is.NaN, what);
        else
            Assert.That(actual, Is.EqualTo(expected).Within(RelativeTolerance * Math.Abs(expected)), what);
    }

    [TestCaseSource(nameof(Cases))]
    public void EffectiveSampleSizesMatchPosterior(PosteriorReference expected)
    {
        var draws = ReferenceDraws.Get(expected.Name);
        Assert.Multiple(() =>
        {
            AssertMatches(EffectiveSampleSize.Basic(draws), expected.EssBasic, "ess_basic");
            AssertMatches(EffectiveSampleSize.Bulk(draws), expected.EssBulk, "ess_bulk");
            AssertMatches(EffectiveSampleSize.Tail(draws), expected.EssTail, "ess_tail");
            AssertMatches(EffectiveSampleSize.Quantile(draws, 0.5), expected.EssMedian, "ess_median");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void RhatsMatchPosterior(PosteriorReference expected)
    {
        var draws = ReferenceDraws.Get(expected.Name);
        Assert.Multiple(() =>
        {
            AssertMatches(Rhat.Basic(draws), expected.RhatBasic, "rhat_basic");
            AssertMatches(Rhat.RankNormalized(draws), expected.Rhat, "rhat");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void StandardErrorsMatchPosterior(PosteriorReference expected)
    {
        var draws = ReferenceDraws.Get(expected.Name);
        Assert.Multiple(() =>
        {
            AssertMatches(MonteCarloStandardError.Mean(draws), expected.McseMean, "mcse_mean");
            AssertMatches(MonteCarloStandardError.Quantile(draws, 0.05), expected.McseQ5, "mcse_q5");
            AssertMatches(MonteCarloStandardError.Quantile(draws, 0.5), expected.McseQ50, "mcse_q50");
            AssertMatches(MonteCarloStandardError.Quantile(draws, 0.95), expected.McseQ95, "mcse_q95");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void SummaryMatchesPosterior(PosteriorReference expected)
    {
        var summary = Summary.Of("theta", ReferenceDraws.Get(expected.Name));
        Assert.Multiple(() =>
        {
            Assert.That(summary.Name, Is.EqualTo("theta"));
            AssertMatches(summary.Mean, expected.Mean, "mean");
            AssertMatches(summary.StandardDeviation, expected.Sd, "sd");
            AssertMatches(summary.McseMean, expected.McseMean, "mcse_mean");
            AssertMatches(summary.Q5, expected.Q5, "q5");
            AssertMatches(summary.Median, expected.Q50, "q50");
            AssertMatches(summary.Q95, expected.Q95, "q95");
            AssertMatches(summary.EssBulk, expected.EssBulk, "ess_bulk");
            AssertMatches(summary.EssTail, expected.EssTail, "ess_tail");
            AssertMatches(summary.Rhat, expected.Rhat, "rhat");
        });
    }
}
