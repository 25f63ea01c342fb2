using Hmc.Native.Diagnostics;
using MathNet.Numerics.Distributions;

namespace Hmc.Native.Tests.Diagnostics;

public class MonteCarloStandardErrorTests
{
    [Test]
    public void MeanMcseOfIidDrawsIsSdOverRootN()
    {
        var draws = StochasticDraws.Ar1(chains: 4, draws: 10_000, rho: 0, seed: 21);
        // sd/√ESS with ESS within 8% of N (see EffectiveSampleSizeTests): within 5% of 1/√N.
        Assert.That(MonteCarloStandardError.Mean(draws), Is.EqualTo(1 / Math.Sqrt(40_000)).Within(5).Percent);
    }

    [Test]
    public void MedianMcseOfIidNormalDrawsMatchesAsymptotics()
    {
        // √(p(1 − p)/N)/φ(q_p) for the median of N(0, 1). Over 40 seeds the relative error had sd 3.8%
        // and mean −0.9% at this size, so 20% is five standard deviations.
        var draws = StochasticDraws.Ar1(chains: 4, draws: 50_000, rho: 0, seed: 13);
        double expected = Math.Sqrt(0.25 / 200_000) / Normal.PDF(0, 1, 0);
        Assert.That(MonteCarloStandardError.Quantile(draws, 0.5), Is.EqualTo(expected).Within(20).Percent);
    }

    [Test]
    public void SdMcseOfIidNormalDrawsMatchesAsymptotics()
    {
        // For N iid N(0, 1) draws the sample sd has variance (E c⁴ − 1)/(4N) = 2/(4N) = 1/(2N). The ESS of c² and the
        // fourth moment are each within a few percent of their values at this size, so 10% is several of their errors.
        var draws = StochasticDraws.Ar1(chains: 4, draws: 10_000, rho: 0, seed: 5);
        Assert.That(MonteCarloStandardError.StandardDeviation(draws), Is.EqualTo(Math.Sqrt(1 / (2 * 40_000.0))).Within(10).Percent);
    }

    [Test]
    public void SdMcseOfAutocorrelatedDrawsGrowsWithTheCorrelation()
    {
        // AR(1) with ρ = 0.7: the squares have autocorrelation ρ² = 0.49, so their ESS is N(1 − ρ²)/(1 + ρ²) and the
        // MCSE √((1 + ρ²)/(1 − ρ²)) ≈ 1.71 times that of iid draws of the same (unit) variance.
        var iid = StochasticDraws.Ar1(chains: 4, draws: 10_000, rho: 0, seed: 6);
        var correlated = StochasticDraws.Ar1(chains: 4, draws: 10_000, rho: 0.7, seed: 6);
        double ratio = MonteCarloStandardError.StandardDeviation(correlated) / MonteCarloStandardError.StandardDeviation(iid);
        Assert.That(ratio, Is.EqualTo(Math.Sqrt(1.49 / 0.51)).Within(15).Percent);
    }

    [Test]
    public void ConstantDrawsGiveNaN()
    {
        double[][] draws = [[3, 3, 3, 3, 3, 3, 3, 3]];
        Assert.That(MonteCarloStandardError.Mean(draws), Is.NaN);
        Assert.That(MonteCarloStandardError.Quantile(draws, 0.5), Is.NaN);
        Assert.That(MonteCarloStandardError.StandardDeviation(draws), Is.NaN);
    }
}
