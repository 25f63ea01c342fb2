using Hmc.Native.Cli.Figures;

namespace Hmc.Native.Tests.Figures;

public class FigureRenderingTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("hmc-figures-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void GaussianScatterPanels()
    {
        var data = ScatterPanelsData.Gaussian3D([FigureSamples.Normal("HMC", 300, 3, 1, 0.5), FigureSamples.Normal("NUTS", 300, 3, 2, 0.5)]);
        string path = Path.Combine(_dir, "gaussian.png");
        ScatterPanelsFigure.Save(data, path, 1200, 400);
        Assert.That(PngFile.Size(path), Is.EqualTo((1200, 400)));
    }

    [Test]
    public void FunnelScatterPanelsWithNonFiniteDraws()
    {
        var hmc = FigureSamples.Normal("HMC", 200, 11, 3);
        hmc.Draws[0][0] = double.NaN;
        hmc.Draws[1][1] = double.PositiveInfinity;
        var data = ScatterPanelsData.Funnel([hmc, FigureSamples.Normal("RMHMC", 200, 11, 4), FigureSamples.Normal("NUTS", 200, 11, 5)]);
        string path = Path.Combine(_dir, "funnel.png");
        ScatterPanelsFigure.Save(data, path, 900, 300);
        Assert.That(PngFile.Size(path), Is.EqualTo((900, 300)));
    }

    [Test]
    public void FunnelVHistograms()
    {
        var data = HistogramData.FunnelV([FigureSamples.Normal("HMC", 500, 2, 6, 3), FigureSamples.Normal("RMHMC", 500, 2, 7, 3)]);
        string path = Path.Combine(_dir, "funnel_v.png");
        HistogramFigure.Save(data, path, 1000, 450);
        Assert.That(PngFile.Size(path), Is.EqualTo((1000, 450)));
    }

    [Test]
    public void AccuracySeries()
    {
        var rng = new Random(8);
        var perSample = Enumerable.Range(0, 100).Select(_ => 0.85 + 0.1 * rng.NextDouble()).ToArray();
        var running = perSample.Select((_, i) => perSample.Take(i + 1).Average() + 0.02).ToArray();
        string path = Path.Combine(_dir, "accuracy.png");
        AccuracyFigure.Save(AccuracySeriesData.Create(perSample, running), path, 800, 500);
        Assert.That(PngFile.Size(path), Is.EqualTo((800, 500)));
    }

    [Test]
    public void TraceAndRankPlots()
    {
        var rng = new Random(9);
        var chains = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 300).Select(_ => rng.NextDouble()).ToArray()).ToArray();
        chains[2][5] = double.NaN;
        string trace = Path.Combine(_dir, "trace.png");
        string rank = Path.Combine(_dir, "rank.png");
        TraceFigure.Save(TraceData.Create("theta.1", chains), trace, 1000, 400);
        RankFigure.Save(RankData.Create("theta.1", chains), rank, 640, 480);
        Assert.That(PngFile.Size(trace), Is.EqualTo((1000, 400)));
        Assert.That(PngFile.Size(rank), Is.EqualTo((640, 480)));
    }

    [Test]
    public void BadSizeIsRejectedBeforeWriting()
    {
        var data = TraceData.Create("x", [[1.0, 2.0]]);
        string path = Path.Combine(_dir, "never.png");
        Assert.Throws<ArgumentOutOfRangeException>(() => TraceFigure.Save(data, path, 0, 100));
        Assert.That(File.Exists(path), Is.False);
    }
}
