using Hmc.Native.Reporting;

namespace Hmc.Native.Tests.Reporting;

public class ProgressLineTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private static int Redraws(string text) => text.Count(c => c == '\r');

    private static ProgressLine Line(StringWriter output, ManualTime time, int total = 1000, bool verbose = true, bool redirected = false) =>
        new(output, "Sampler.HMC", "Integrator.IMPLICIT", total, verbose, redirected, time);

    [Test]
    public void StartWritesTheHeader()
    {
        var output = new StringWriter();
        Line(output, new ManualTime()).Start();
        Assert.That(output.ToString(), Is.EqualTo(
            "Sampling (Sampler.HMC; Integrator.IMPLICIT)\n" +
            "Time spent  | Time remain.| Progress             | Samples   | Samples/sec\n"));
    }

    [Test]
    public void LineShowsTimeRemainingBarCountAndRate()
    {
        var output = new StringWriter();
        var time = new ManualTime();
        var line = Line(output, time);
        line.Start();
        time.Advance(TimeSpan.FromSeconds(1));
        line.Update(100);
        // 100 in 1 s: 100/s, 900 left → 9 s; bar 20·100/1000 = 2 of 20.
        Assert.That(output.ToString(), Does.EndWith("\r0d:00:00:01 | 0d:00:00:09 | ##------------------ |  100/1000 | 100.00       "));
    }

    [Test]
    public void RedrawsAreThrottledToFourPerSecond()
    {
        var output = new StringWriter();
        var time = new ManualTime();
        var line = Line(output, time);
        for (int i = 1; i <= 100; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            line.Update(i);
        }
        Assert.That(Redraws(output.ToString()), Is.EqualTo(1), "100 updates within 0.1 s draw once");
        time.Advance(TimeSpan.FromMilliseconds(160));
        line.Update(101);
        Assert.That(Redraws(output.ToString()), Is.EqualTo(2), "the next update 0.25 s after the first draw redraws");
        line.Update(102);
        Assert.That(Redraws(output.ToString()), Is.EqualTo(2));
        line.Update(1000);
        Assert.That(Redraws(output.ToString()), Is.EqualTo(3), "the last update is always drawn");
    }

    [Test]
    public void CompleteEndsTheLineWithTheAcceptanceRate()
    {
        var output = new StringWriter();
        var time = new ManualTime();
        var line = Line(output, time, total: 10);
        line.Start();
        time.Advance(TimeSpan.FromSeconds(2));
        line.Update(10);
        line.Complete(0.953);
        Assert.That(output.ToString(), Does.EndWith("| 10/10 | 5.00       \nAcceptance Rate 0.95\n"));
    }

    [TestCase(false, false)]
    [TestCase(true, true)]
    public void SilentWhenNotVerboseOrRedirected(bool verbose, bool redirected)
    {
        var output = new StringWriter();
        var time = new ManualTime();
        var line = Line(output, time, verbose: verbose, redirected: redirected);
        Assert.That(line.Enabled, Is.False);
        line.Start();
        line.Update(500);
        ((IProgress<SamplingProgress>)line).Report(new SamplingProgress(0, 600, 1000, false, TimeSpan.Zero, 0.9));
        line.Complete(0.9);
        Assert.That(output.ToString(), Is.Empty);
    }

    [Test]
    public void ReportsFromSeveralChainsAreSummed()
    {
        var output = new StringWriter();
        var time = new ManualTime();
        IProgress<SamplingProgress> line = Line(output, time, total: 200);
        line.Report(new SamplingProgress(0, 30, 100, true, TimeSpan.Zero, 0.8));
        time.Advance(TimeSpan.FromSeconds(1));
        line.Report(new SamplingProgress(1, 20, 100, true, TimeSpan.Zero, 0.8));
        Assert.That(output.ToString(), Does.EndWith("|  50/200 | 50.00       "));
    }

    [Test]
    public void DurationsAreFormattedAsDaysHoursMinutesSeconds()
    {
        Assert.That(ProgressLine.FormatDuration(TimeSpan.FromSeconds(90061.9)), Is.EqualTo("1d:01:01:01"));
        Assert.That(ProgressLine.FormatDuration(TimeSpan.Zero), Is.EqualTo("0d:00:00:00"));
    }

    [Test]
    public void InvalidArgumentsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Line(new StringWriter(), new ManualTime(), total: 0));
        var line = Line(new StringWriter(), new ManualTime(), total: 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => line.Update(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => line.Update(-1));
    }
}
