using Hmc.Native.Cli.Figures;

namespace Hmc.Native.Tests.Figures;

public class AccuracySeriesDataTests
{
    [Test]
    public void PairsTheSeriesWithSampleNumbers()
    {
        double[] perSample = [0.9, 0.8, 0.95];
        double[] running = [0.9, 0.91, 0.93];
        var data = AccuracySeriesData.Create(perSample, running);
        Assert.That(data.SampleIndex, Is.EqualTo(new double[] { 1, 2, 3 }));
        Assert.That(data.PerSample, Is.EqualTo(perSample));
        Assert.That(data.RunningPosteriorMean, Is.EqualTo(running));
    }

    [Test]
    public void MismatchedLengthsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => AccuracySeriesData.Create([0.9, 0.8], [0.9]));
        Assert.That(ex!.Message, Does.Contain("2 values").And.Contain("has 1"));
        Assert.Throws<ArgumentException>(() => AccuracySeriesData.Create([], []));
    }
}
