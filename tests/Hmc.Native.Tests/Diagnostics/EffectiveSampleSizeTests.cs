using Hmc.Native.Diagnostics;

namespace Hmc.Native.Tests.Diagnostics;

public class EffectiveSampleSizeTests
{
    [Test]
    public void Ar1EssMatchesItsAutocorrelationTime()
    {
        // ESS = N (1 − ρ)/(1 + ρ). Over 20 seeds the relative error of this estimate had sd 1.0% and mean
        // −0.3% at this size, so 5% is five standard deviations.
        const double rho = 0.5;
        var draws = StochasticDraws.Ar1(chains: 4, draws: 100_000, rho, seed: 11);
        double expected = 4 * 100_000 * (1 - rho) / (1 + rho);
        Assert.That(EffectiveSampleSize.Basic(draws), Is.EqualTo(expected).Within(5).Percent);
        Assert.That(EffectiveSampleSize.Bulk(draws), Is.EqualTo(expected).Within(5).Percent);
    }

    [Test]
    public void IidDrawsHaveEssNearTheirCount()
    {
        // Over 40 seeds ESS/N had mean 0.991 (basic, bulk) and 0.985 (tail) with sd 0.016: 8% is five sd.
        var draws = StochasticDraws.Ar1(chains: 4, draws: 10_000, rho: 0, seed: 5);
        Assert.Multiple(() =>
        {
            Assert.That(EffectiveSampleSize.Basic(draws), Is.EqualTo(40_000).Within(8).Percent);
            Assert.That(EffectiveSampleSize.Bulk(draws), Is.EqualTo(40_000).Within(8).Percent);
            Assert.That(EffectiveSampleSize.Tail(draws), Is.EqualTo(40_000).Within(8).Percent);
        });
    }

    [Test]
    public void StronglyAntitheticDrawsAreCappedAtNLog10N()
    {
        // AR(1) with ρ = −0.9 has τ = 0.1/1.9 ≈ 0.05, below posterior's bound 1/log10(N) ≈ 0.28 for N = 4000,
        // so the ESS is exactly N·log10(N).
        var draws = StochasticDraws.Ar1(chains: 4, draws: 1000, rho: -0.9, seed: 2);
        Assert.That(EffectiveSampleSize.Basic(draws), Is.EqualTo(4000 * Math.Log10(4000)).Within(1e-9));
    }

    [Test]
    public void PerfectlyAlternatingChainGetsTauTwoAsInPosterior()
    {
        // x_t = (−1)^t: ρ̂_1 = 1 − (W + 19/20)/var⁺ ≈ −1.003 ≤ −1, so the positive sequence stops at its first
        // pair and posterior's sum(rho_hat_t[1:0]) = ρ̂_0 gives τ̂ = −1 + 2·1 + 1 = 2: ESS = 20/2.
        double[] chain = new double[20];
        for (int i = 0; i < chain.Length; i++) chain[i] = i % 2 == 0 ? 1 : -1;
        Assert.That(EffectiveSampleSize.Basic(new[] { chain }, split: false), Is.EqualTo(10.0).Within(1e-12));
    }

    [Test]
    public void ConstantChainsGiveNaN()
    {
        double[][] draws = [[1.5, 1.5, 1.5, 1.5, 1.5, 1.5], [1.5, 1.5, 1.5, 1.5, 1.5, 1.5]];
        Assert.Multiple(() =>
        {
            Assert.That(EffectiveSampleSize.Basic(draws), Is.NaN);
            Assert.That(EffectiveSampleSize.Bulk(draws), Is.NaN);
            Assert.That(EffectiveSampleSize.Tail(draws), Is.NaN);
            Assert.That(EffectiveSampleSize.Quantile(draws, 0.5), Is.NaN);
        });
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void NonFiniteDrawGivesNaN(double bad)
    {
        var draws = ReferenceDraws.Get("A");
        draws[2][500] = bad;
        Assert.Multiple(() =>
        {
            Assert.That(EffectiveSampleSize.Basic(draws), Is.NaN);
            Assert.That(EffectiveSampleSize.Bulk(draws), Is.NaN);
            Assert.That(EffectiveSampleSize.Tail(draws), Is.NaN);
        });
    }

    [Test]
    public void FewerThanThreeDrawsPerSplitChainGiveNaN()
    {
        // 5 draws split into halves of 2 (middle dropped): posterior's .ess needs 3 per chain.
        double[][] five = [[0.1, 0.7, 0.3, 0.9, 0.2]];
        double[][] six = [[0.1, 0.7, 0.3, 0.9, 0.2, 0.5]];
        Assert.That(EffectiveSampleSize.Basic(five), Is.NaN);
        Assert.That(EffectiveSampleSize.Bulk(five), Is.NaN);
        // 6 draws → two halves of 3; the positive sequence stops at once, so τ̂ = 2 as in posterior: ESS = 6/2.
        Assert.That(EffectiveSampleSize.Basic(six), Is.EqualTo(3.0).Within(1e-12));
    }

    [Test]
    public void OneChainIsSplitIntoTwo()
    {
        var chain = ReferenceDraws.Get("B")[0];
        // The same as its two halves (middle draw dropped) given as chains without splitting.
        double[][] halves = [chain[..50], chain[51..]];
        Assert.That(EffectiveSampleSize.Basic(new[] { chain }),
            Is.EqualTo(EffectiveSampleSize.Basic(halves, split: false)).Within(1e-12));
    }

    [Test]
    public void SpanAndJaggedInputsAgree()
    {
        var jagged = ReferenceDraws.Get("D");
        double[] flat = [.. jagged[0], .. jagged[1]];
        Assert.That(EffectiveSampleSize.Bulk(new ChainDraws(flat, 2, 50)), Is.EqualTo(EffectiveSampleSize.Bulk(jagged)));
    }

    [Test]
    public void QuantileProbabilityOutsideUnitIntervalThrows()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EffectiveSampleSize.Quantile(ReferenceDraws.Get("A"), 1.2));
        Assert.That(ex!.Message, Does.Contain("[0, 1]"));
    }

    [Test]
    public void QuantileOneUsesPosteriorsAdjustedProbability()
    {
        // posterior replaces p = 1 by (S − 1/2)/S, so the indicator is not constant and the ESS exists.
        Assert.That(EffectiveSampleSize.Quantile(ReferenceDraws.Get("A"), 1.0), Is.GreaterThan(0));
    }
}
