using Hmc.Native.Cli.Figures;
using Hmc.Native.Cli.Targets;
using MathNet.Numerics.Distributions;

namespace Hmc.Native.Tests.Figures;

public class HistogramDataTests
{
    private static LabelledDraws FunnelLike(string label, int count, int seed, double sd)
    {
        var rng = new Random(seed);
        var draws = new double[count][];
        for (int d = 0; d < count; d++) draws[d] = [Normal.Sample(rng, 0, sd), Normal.Sample(rng, 0, 1)];
        return new LabelledDraws(label, draws);
    }

    [Test]
    public void CountsAreTheInRangeDrawsOfEachBin()
    {
        var samplers = new[] { FunnelLike("wide", 2000, 1, 4.5), FunnelLike("exact", 2000, 2, 3) };
        samplers[0].Draws[0][0] = double.NaN;
        samplers[0].Draws[1][0] = 9;
        var data = HistogramData.FunnelV(samplers);
        Assert.That(data.BinEdges, Has.Length.EqualTo(21));
        Assert.That(data.BinEdges[0], Is.EqualTo(-9));
        Assert.That(data.BinEdges[^1], Is.EqualTo(9));
        for (int s = 0; s < 2; s++)
        {
            var v = samplers[s].Draws.Select(d => d[0]).ToArray();
            var series = data.Series[s];
            int inRange = v.Count(x => x >= -9 && x <= 9);
            Assert.That(series.InRange, Is.EqualTo(inRange));
            Assert.That(series.Counts.Sum(), Is.EqualTo(inRange));
            Assert.That(series.Total, Is.EqualTo(v.Length));
            for (int b = 0; b < 20; b++)
            {
                double lo = data.BinEdges[b], hi = data.BinEdges[b + 1];
                int expected = v.Count(x => x >= lo && (x < hi || (b == 19 && x == hi)));
                Assert.That(series.Counts[b], Is.EqualTo(expected), $"sampler {s}, bin {b}");
            }
            double mass = series.Density.Select((d, b) => d * (data.BinEdges[b + 1] - data.BinEdges[b])).Sum();
            Assert.That(mass, Is.EqualTo(1).Within(1e-12));
        }
        Assert.That(data.Series[0].InRange, Is.LessThan(1999), "the wide sampler has draws outside [-9, 9]");
    }

    [Test]
    public void LegendCarriesTheKlOfV()
    {
        var samplers = new[] { FunnelLike("wide", 3000, 3, 4.5), FunnelLike("exact", 3000, 4, 3) };
        var data = HistogramData.FunnelV(samplers);
        for (int s = 0; s < 2; s++)
        {
            double kl = FunnelTarget.KlOfV(samplers[s].Draws.Select(d => d[0]));
            Assert.That(data.Series[s].Divergence, Is.EqualTo(kl));
            Assert.That(data.Series[s].Label, Is.EqualTo($"{samplers[s].Label} (KL = {kl:F4})"));
        }
        Assert.That(data.Series[1].Divergence, Is.LessThan(data.Series[0].Divergence));
    }

    [Test]
    public void CurveIsTheNormalDensity()
    {
        var data = HistogramData.FunnelV([FunnelLike("a", 10, 5, 3)]);
        Assert.That(data.CurveX, Has.Length.EqualTo(HistogramData.CurvePoints));
        Assert.That(data.CurveX[0], Is.EqualTo(-9));
        Assert.That(data.CurveX[^1], Is.EqualTo(9));
        for (int i = 0; i < data.CurveX.Length; i += 25)
            Assert.That(data.CurveY[i], Is.EqualTo(Normal.PDF(0, 3, data.CurveX[i])).Within(1e-14));
    }

    [Test]
    public void BadRangeIsRejected()
    {
        var samplers = new[] { FunnelLike("a", 10, 6, 3) };
        var ex = Assert.Throws<ArgumentException>(() => HistogramData.Create(samplers, 0, "v", 1, 1, 10, _ => 0, "ref", null));
        Assert.That(ex!.Message, Does.Contain("low < high"));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistogramData.Create(samplers, 0, "v", 0, 1, 0, _ => 0, "ref", null));
    }
}
