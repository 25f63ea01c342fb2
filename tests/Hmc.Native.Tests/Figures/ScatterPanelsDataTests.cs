using Hmc.Native.Cli.Figures;

namespace Hmc.Native.Tests.Figures;

public class ScatterPanelsDataTests
{
    [Test]
    public void GaussianPanelsHoldTheDrawPairsOfEverySampler()
    {
        var samplers = new[] { FigureSamples.Normal("HMC", 50, 3, 1), FigureSamples.Normal("NUTS", 40, 3, 2) };
        var data = ScatterPanelsData.Gaussian3D(samplers);
        var pairs = new[] { (0, 1), (0, 2), (1, 2) };
        Assert.That(data.Panels, Has.Count.EqualTo(3));
        Assert.That(data.ShareAxes, Is.False);
        for (int p = 0; p < 3; p++)
        {
            var (x, y) = pairs[p];
            var panel = data.Panels[p];
            Assert.That(panel.XLabel, Is.EqualTo($"x{x + 1}"));
            Assert.That(panel.YLabel, Is.EqualTo($"x{y + 1}"));
            Assert.That(panel.Series, Has.Count.EqualTo(2));
            for (int s = 0; s < 2; s++)
            {
                var series = panel.Series[s];
                Assert.That(series.Label, Is.EqualTo(samplers[s].Label));
                Assert.That(series.ColorIndex, Is.EqualTo(s));
                Assert.That(series.X, Is.EqualTo(samplers[s].Draws.Select(d => d[x]).ToArray()));
                Assert.That(series.Y, Is.EqualTo(samplers[s].Draws.Select(d => d[y]).ToArray()));
            }
        }
    }

    [Test]
    public void FunnelPanelsPutVAgainstX1OnePanelPerSampler()
    {
        var samplers = new[] { FigureSamples.Normal("HMC", 30, 11, 3), FigureSamples.Normal("RMHMC", 30, 11, 4) };
        var data = ScatterPanelsData.Funnel(samplers);
        Assert.That(data.Panels, Has.Count.EqualTo(2));
        Assert.That(data.ShareAxes, Is.True);
        for (int s = 0; s < 2; s++)
        {
            var panel = data.Panels[s];
            Assert.That(panel.Title, Is.EqualTo(samplers[s].Label));
            Assert.That((panel.XLabel, panel.YLabel), Is.EqualTo(("x_1", "v")));
            Assert.That(panel.Series.Single().X, Is.EqualTo(samplers[s].Draws.Select(d => d[1]).ToArray()));
            Assert.That(panel.Series.Single().Y, Is.EqualTo(samplers[s].Draws.Select(d => d[0]).ToArray()));
            Assert.That(panel.Series.Single().ColorIndex, Is.EqualTo(s));
        }
    }

    [Test]
    public void DrawsWithTooFewCoordinatesAreRejectedByName()
    {
        var samplers = new[] { FigureSamples.Normal("short", 5, 2, 5) };
        var ex = Assert.Throws<ArgumentException>(() => ScatterPanelsData.Gaussian3D(samplers));
        Assert.That(ex!.Message, Does.Contain("'short'").And.Contain("coordinate 2"));
    }

    [Test]
    public void NoSamplersIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => ScatterPanelsData.Funnel([]));
        Assert.That(ex!.Message, Does.Contain("At least one sampler"));
        Assert.Throws<ArgumentException>(() => ScatterPanelsData.Pairwise([FigureSamples.Normal("a", 3, 3, 1)], ["a", "b"], [(0, 2)]));
    }
}
