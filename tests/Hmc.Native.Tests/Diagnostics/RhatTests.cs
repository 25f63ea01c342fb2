using Hmc.Native.Diagnostics;

namespace Hmc.Native.Tests.Diagnostics;

public class RhatTests
{
    [Test]
    public void SplitRhatByTheFormula()
    {
        // Split: [1,2] [3,4] [3,4] [5,6]; n = 2, chain means 1.5, 3.5, 3.5, 5.5, chain variances 0.5 each.
        // W = 0.5; var(means) = (4 + 0 + 0 + 4)/3 = 8/3, B = n·8/3 = 16/3;
        // R̂ = √((B/W + n − 1)/n) = √((32/3 + 1)/2) = √(35/6).
        double[][] draws = [[1, 2, 3, 4], [3, 4, 5, 6]];
        Assert.That(Rhat.Basic(draws), Is.EqualTo(Math.Sqrt(35.0 / 6.0)).Within(1e-14));
    }

    [Test]
    public void UnsplitRhatByTheFormula()
    {
        // n = 4, chain means 2.5, 4.5, chain variances 5/3; W = 5/3, B = 4·var(2.5, 4.5) = 8;
        // R̂ = √((8/(5/3) + 3)/4) = √1.95.
        double[][] draws = [[1, 2, 3, 4], [3, 4, 5, 6]];
        Assert.That(Rhat.Basic(draws, split: false), Is.EqualTo(Math.Sqrt(1.95)).Within(1e-14));
    }

    [Test]
    public void MixedChainsHaveRhatNearOne()
    {
        var draws = StochasticDraws.Ar1(chains: 4, draws: 2000, rho: 0.3, seed: 3);
        Assert.That(Rhat.RankNormalized(draws), Is.LessThan(1.01));
        Assert.That(Rhat.Basic(draws), Is.LessThan(1.01));
    }

    [Test]
    public void ChainsThatDifferOnlyInScaleAreCaughtByTheFoldedRhat()
    {
        // Same location, scales 1 and 3: the bulk R̂ barely moves, the folded (tail) one does.
        var draws = StochasticDraws.Ar1(chains: 2, draws: 2000, rho: 0, seed: 8);
        for (int i = 0; i < draws[1].Length; i++) draws[1][i] *= 3;
        Assert.That(Rhat.Basic(draws), Is.LessThan(1.01));
        Assert.That(Rhat.RankNormalized(draws), Is.GreaterThan(1.05));
    }

    [Test]
    public void ConstantChainsGiveNaN()
    {
        double[][] draws = [[2, 2, 2, 2], [2, 2, 2, 2]];
        Assert.That(Rhat.Basic(draws), Is.NaN);
        Assert.That(Rhat.RankNormalized(draws), Is.NaN);
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void NonFiniteDrawGivesNaN(double bad)
    {
        double[][] draws = [[1, 2, 3, 4], [3, bad, 5, 6]];
        Assert.That(Rhat.Basic(draws), Is.NaN);
        Assert.That(Rhat.RankNormalized(draws), Is.NaN);
    }

    [Test]
    public void FewerThanFourDrawsPerChainGiveNaN()
    {
        // Three draws split into halves of one (middle dropped): no within-chain variance.
        Assert.That(Rhat.Basic(new[] { new[] { 1.0, 2.0, 3.0 } }), Is.NaN);
        Assert.That(Rhat.RankNormalized(new[] { new[] { 1.0, 2.0, 3.0 } }), Is.NaN);
        Assert.That(Rhat.Basic(new[] { new[] { 1.0, 2.0, 3.0, 5.0 } }), Is.Not.NaN);
    }

    [Test]
    public void OneChainComparesItsHalves()
    {
        // [1, 2, 3] and [10, 11, 12]: a trend within a single chain gives a large R̂.
        double[][] draws = [[1, 2, 3, 10, 11, 12]];
        Assert.That(Rhat.Basic(draws), Is.GreaterThan(2));
    }
}
