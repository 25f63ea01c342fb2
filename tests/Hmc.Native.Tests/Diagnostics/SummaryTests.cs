using Hmc.Native.Diagnostics;

namespace Hmc.Native.Tests.Diagnostics;

public class SummaryTests
{
    [Test]
    public void RowMajorDrawsAreSummarisedPerParameter()
    {
        var a = ReferenceDraws.Get("A");
        var scaled = a.Select(chain => chain.Select(v => 2 * v + 1).ToArray()).ToArray();
        // [chain, draw, parameter] row-major: parameter 0 is A, parameter 1 is 2A + 1.
        var rows = new double[4 * 1000 * 2];
        for (int c = 0; c < 4; c++)
            for (int d = 0; d < 1000; d++)
            {
                rows[(c * 1000 + d) * 2] = a[c][d];
                rows[(c * 1000 + d) * 2 + 1] = scaled[c][d];
            }
        var summaries = Summary.Of(["a", "b"], rows, chains: 4, drawsPerChain: 1000);
        Assert.That(summaries.Select(s => s.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(summaries[0], Is.EqualTo(Summary.Of("a", a)));
        Assert.That(summaries[1], Is.EqualTo(Summary.Of("b", scaled)));
        // Rank-based diagnostics are invariant under increasing affine maps.
        Assert.That(summaries[1].EssBulk, Is.EqualTo(summaries[0].EssBulk).Within(1e-9));
        Assert.That(summaries[1].Mean, Is.EqualTo(2 * summaries[0].Mean + 1).Within(1e-12));
    }

    [Test]
    public void ConstantParameterHasZeroSdAndNaNDiagnostics()
    {
        var summary = Summary.Of("c", new[] { new[] { 4.0, 4.0, 4.0, 4.0, 4.0, 4.0 } });
        Assert.That(summary.Mean, Is.EqualTo(4.0));
        Assert.That(summary.StandardDeviation, Is.EqualTo(0.0));
        Assert.That(summary.Median, Is.EqualTo(4.0));
        Assert.That(summary.EssBulk, Is.NaN);
        Assert.That(summary.EssTail, Is.NaN);
        Assert.That(summary.Rhat, Is.NaN);
        Assert.That(summary.McseMean, Is.NaN);
    }

    [Test]
    public void WrongValueCountThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => Summary.Of(["a", "b"], new double[7], 1, 4));
        Assert.That(ex!.Message, Does.Contain("= 8 values, got 7"));
    }

    [Test]
    public void EqualDrawsHaveTheirValueAsMeanAndNoSpread()
    {
        // A plain sum of a thousand 0.1s is 99.9999999999986, so a one-pass mean would be off and the sd 1e−15, not 0.
        var summary = Summary.Of("stepsize__", new[] { Enumerable.Repeat(0.1, 1000).ToArray() });
        Assert.That(summary.Mean, Is.EqualTo(0.1));
        Assert.That(summary.StandardDeviation, Is.EqualTo(0.0));
    }
}
