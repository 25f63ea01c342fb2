using Hmc.Native.Cli.Figures;

namespace Hmc.Native.Tests.Figures;

public class RankDataTests
{
    private static double[][] Chains(int chains, int draws, int seed, double shiftPerChain = 0)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, chains)
            .Select(c => Enumerable.Range(0, draws).Select(_ => c * shiftPerChain + MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1)).ToArray())
            .ToArray();
    }

    [Test]
    public void RanksArePooledAndCountsSumToTheDraws()
    {
        var chains = Chains(4, 500, 1);
        var data = RankData.Create("theta", chains, 20);
        var pooled = chains.SelectMany(c => c).ToArray();
        var sorted = pooled.Order().ToArray();
        for (int c = 0; c < 4; c++)
        {
            Assert.That(data.Counts[c].Sum(), Is.EqualTo(500));
            Assert.That(data.ExpectedCounts[c], Is.EqualTo(25));
            for (int d = 0; d < 500; d += 37)
                Assert.That(data.Ranks[c][d], Is.EqualTo(Array.BinarySearch(sorted, chains[c][d]) + 1));
        }
        // 2000 distinct ranks in 20 bins of width 100: every bin holds exactly 100 pooled ranks.
        for (int b = 0; b < 20; b++) Assert.That(data.Counts.Sum(c => c[b]), Is.EqualTo(100));
        Assert.That(data.BinEdges[0], Is.EqualTo(0.5));
        Assert.That(data.BinEdges[^1], Is.EqualTo(2000.5));
    }

    [Test]
    public void MixedChainsAreNearlyUniform()
    {
        var data = RankData.Create("theta", Chains(4, 1000, 2), 10);
        // Each count is binomial(1000, 1/10) up to the pooling: sd = sqrt(1000 * 0.1 * 0.9) ≈ 9.5; allow 4.5 sd.
        foreach (var counts in data.Counts)
            foreach (int n in counts) Assert.That(n, Is.EqualTo(100).Within(43));
    }

    [Test]
    public void ASeparatedChainFillsOnlyTheTopRanks()
    {
        var chains = Chains(2, 200, 3, shiftPerChain: 100);
        var data = RankData.Create("theta", chains, 4);
        Assert.That(data.Counts[0], Is.EqualTo(new[] { 100, 100, 0, 0 }));
        Assert.That(data.Counts[1], Is.EqualTo(new[] { 0, 0, 100, 100 }));
    }

    [Test]
    public void TiesShareRanksAndNaNIsNotCounted()
    {
        var data = RankData.Create("k", [[1, 1, 2], [2, double.NaN]], bins: 10);
        Assert.That(data.BinEdges, Has.Length.EqualTo(6), "bins are capped at the number of draws");
        Assert.That(data.Ranks[0], Is.EqualTo(new[] { 1.5, 1.5, 3.5 }));
        Assert.That(data.Ranks[1][0], Is.EqualTo(3.5));
        Assert.That(data.Ranks[1][1], Is.NaN);
        Assert.That(data.Counts[0].Sum() + data.Counts[1].Sum(), Is.EqualTo(4));
        Assert.That(data.ExpectedCounts, Is.EqualTo(new[] { 3.0 / 5, 2.0 / 5 }));
    }

    [Test]
    public void EmptyChainIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => RankData.Create("x", [[1.0], []]));
        Assert.That(ex!.Message, Does.Contain("Chain 2 has no draws"));
        Assert.Throws<ArgumentException>(() => TraceData.Create("x", []));
    }
}
