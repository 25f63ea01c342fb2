using Hmc.Native.Diagnostics;

namespace Hmc.Native.Tests.Diagnostics;

public class RankNormalizationTests
{
    [Test]
    public void TiesShareTheAverageRank()
    {
        var ranks = new double[6];
        RankNormalization.AverageRanks([3.0, 1.0, 3.0, 2.0, 3.0, -1.0], ranks);
        // Sorted: −1, 1, 2, 3, 3, 3 → the three 3s share (4 + 5 + 6)/3 = 5.
        Assert.That(ranks, Is.EqualTo(new[] { 5.0, 2.0, 5.0, 3.0, 5.0, 1.0 }));
    }

    [Test]
    public void NormalScoresUseBlomOffset()
    {
        // z = qnorm((r − 3/8)/(S + 1/4)); for [3, 1, 3, 2]: r = [3.5, 1, 3.5, 2], S = 4. Reference values
        // from Python's statistics.NormalDist().inv_cdf (Wichura's AS241, as R's qnorm).
        var z = RankNormalization.NormalScores([3.0, 1.0, 3.0, 2.0]);
        double[] expected = [0.6289042176321902, -1.0491313979639711, 0.6289042176321902, -0.29930691046566704];
        for (int i = 0; i < z.Length; i++) Assert.That(z[i], Is.EqualTo(expected[i]).Within(1e-14), $"element {i}");
    }

    [Test]
    public void NaNKeepsNaNAndDoesNotShiftOtherRanks()
    {
        var ranks = new double[4];
        RankNormalization.AverageRanks([2.0, double.NaN, 1.0, double.PositiveInfinity], ranks);
        Assert.That(ranks[0], Is.EqualTo(2.0));
        Assert.That(ranks[1], Is.NaN);
        Assert.That(ranks[2], Is.EqualTo(1.0));
        Assert.That(ranks[3], Is.EqualTo(3.0));
    }

    [Test]
    public void LengthMismatchThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => RankNormalization.AverageRanks([1.0, 2.0], new double[1]));
        Assert.That(ex!.Message, Does.Contain("length"));
    }
}
