using Hmc.Native.Metrics;
using Hmc.Native.Reporting;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Reporting;

public class CmdStanCsvWriterTests
{
    private static readonly double[] Awkward =
    [
        0.1, 1.0 / 3.0, -2.5e-300, double.Epsilon, double.MaxValue, -0.0, 123456789.123456789,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, Math.PI * 1e20,
    ];

    private static string[] Lines(string text) => text.Split('\n');

    [Test]
    public void HeaderAdaptationAndRowsFollowCmdStansLayout()
    {
        var output = new StringWriter();
        using (var writer = new CmdStanCsvWriter(output, CmdStanCsvWriter.DefaultParameterNames(2),
                   new Dictionary<string, string> { ["model"] = "funnel", ["num_samples"] = "2", ["seed"] = "42", ["sampler"] = "Nuts" }))
        {
            writer.WriteAdaptation(0.5, [1.0, 0.25]);
            writer.WriteDraw(new DrawStatistics(-1.5, 0.9, 0.5, 3, 7, false, 2.25), [0.1, -2.0]);
            writer.WriteDraw(new DrawStatistics(-2.0, 1.0, 0.5, 2, 3, true, 3.0, Invalid: true), [1e-7, 4.0]);
            writer.WriteElapsedTime(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.25));
        }
        string[] expected =
        [
            "# model = funnel",
            "# method = sample",
            "#   sample",
            "#     num_samples = 2",
            "#     save_warmup = 0",
            "#     thin = 1",
            "#     algorithm = hmc",
            "#       hmc",
            "#         engine = nuts",
            "#         metric = diag_e",
            "# id = 1",
            "# random",
            "#   seed = 42",
            "# sampler = Nuts",
            "lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,invalid__,theta.1,theta.2",
            "# Adaptation terminated",
            "# Step size = 0.5",
            "# Diagonal elements of inverse mass matrix:",
            "# 1, 0.25",
            "-1.5,0.9,0.5,3,7,0,2.25,0,0.1,-2",
            "-2,1,0.5,2,3,1,3,1,1e-07,4",
            "# ",
            "#  Elapsed Time: 1.5 seconds (Warm-up)",
            "#                2.25 seconds (Sampling)",
            "#                3.75 seconds (Total)",
            "# ",
            "",
        ];
        Assert.That(Lines(output.ToString()), Is.EqualTo(expected));
    }

    [Test]
    public void ADenseMetricAndFixedPointColumnsFollowCmdStansLayout()
    {
        var output = new StringWriter();
        using (var writer = new CmdStanCsvWriter(output, CmdStanCsvWriter.DefaultParameterNames(2), fixedPointColumns: true))
        {
            writer.WriteAdaptation(0.25, new DenseMetric([2.0, 0.5, 0.5, 1.0], 2));
            writer.WriteDraw(new DrawStatistics(-1.5, 0.9, 0.25, 0, 5, false, 2.0, false, 7, 1e-9, false), [0.1, -2.0]);
            writer.WriteDraw(new DrawStatistics(-1.5, 0, 0.25, 0, 2, false, double.NaN, false, 1000, 0.5, true), [0.1, -2.0]);
        }
        var lines = Lines(output.ToString());
        int header = Array.FindIndex(lines, l => l.StartsWith("lp__", StringComparison.Ordinal));
        Assert.That(lines[header], Is.EqualTo(
            "lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,invalid__,fixed_point_iterations__,fixed_point_residual__,fixed_point_failed__,theta.1,theta.2"));
        Assert.That(lines[(header + 1)..(header + 8)], Is.EqualTo(new[]
        {
            "# Adaptation terminated",
            "# Step size = 0.25",
            "# Elements of inverse mass matrix:",
            "# 2, 0.5",
            "# 0.5, 1",
            "-1.5,0.9,0.25,0,5,0,2,0,7,1e-09,0,0.1,-2",
            "-1.5,0,0.25,0,2,0,nan,0,1000,0.5,1,0.1,-2",
        }));
        var csv = CmdStanCsvReader.Read(new StringReader(output.ToString()));
        Assert.That(csv.InverseMetric, Is.EqualTo(new double[,] { { 2.0, 0.5 }, { 0.5, 1.0 } }));
        Assert.That(csv.InverseMetricDiagonal, Is.EqualTo(new[] { 2.0, 1.0 }));
        Assert.That(csv.Column("fixed_point_failed__").ToArray(), Is.EqualTo(new[] { 0.0, 1.0 }));
    }

    [Test]
    public void AUnitMetricAndARiemannianRunWriteCmdStansBlocks()
    {
        var unit = new StringWriter();
        using (var writer = new CmdStanCsvWriter(unit, CmdStanCsvWriter.DefaultParameterNames(2))) writer.WriteAdaptation(0.5, new UnitMetric(2));
        Assert.That(Lines(unit.ToString())[^4..^1], Is.EqualTo(new[] { "# Adaptation terminated", "# Step size = 0.5", "# No free parameters for unit metric" }));
        var riemannian = new StringWriter();
        using (var writer = new CmdStanCsvWriter(riemannian, CmdStanCsvWriter.DefaultParameterNames(2))) writer.WriteAdaptation(0.5, (IEuclideanMetric?)null);
        Assert.That(Lines(riemannian.ToString())[^3..^1], Is.EqualTo(new[] { "# Adaptation terminated", "# Step size = 0.5" }));
    }

    [Test]
    public void RoundTripIsExact()
    {
        var names = CmdStanCsvWriter.DefaultParameterNames(Awkward.Length);
        var output = new StringWriter();
        using (var writer = new CmdStanCsvWriter(output, names))
        {
            writer.WriteAdaptation(0.123456789012345678, Awkward);
            writer.WriteDraw(new DrawStatistics(-1.0 / 7.0, 0.987654321, 0.123456789012345678, 4, 15, true, 1.0 / 9.0), Awkward);
            var reversed = Awkward.Reverse().ToArray();
            writer.WriteDraw(new DrawStatistics(double.NaN, 0, 1e-300, 0, 1, false, double.PositiveInfinity), reversed);
        }
        var csv = CmdStanCsvReader.Read(new StringReader(output.ToString()));

        Assert.That(csv.ColumnNames, Is.EqualTo(CmdStanCsvWriter.SamplerColumns.Concat(names)));
        Assert.That(csv.ParameterNames, Is.EqualTo(names));
        Assert.That(csv.DrawCount, Is.EqualTo(2));
        Assert.That(csv.StepSize, Is.EqualTo(0.123456789012345678));
        AssertBitwiseEqual(csv.InverseMetricDiagonal!.ToArray(), Awkward);
        AssertBitwiseEqual(csv.Column("lp__").ToArray(), [-1.0 / 7.0, double.NaN]);
        AssertBitwiseEqual(csv.Column("accept_stat__").ToArray(), [0.987654321, 0]);
        AssertBitwiseEqual(csv.Column("stepsize__").ToArray(), [0.123456789012345678, 1e-300]);
        Assert.That(csv.Column("treedepth__").ToArray(), Is.EqualTo(new[] { 4.0, 0.0 }));
        Assert.That(csv.Column("n_leapfrog__").ToArray(), Is.EqualTo(new[] { 15.0, 1.0 }));
        Assert.That(csv.Column("divergent__").ToArray(), Is.EqualTo(new[] { 1.0, 0.0 }));
        AssertBitwiseEqual(csv.Column("energy__").ToArray(), [1.0 / 9.0, double.PositiveInfinity]);
        for (int j = 0; j < names.Count; j++)
            AssertBitwiseEqual(csv.Column(names[j]).ToArray(), [Awkward[j], Awkward[^(j + 1)]]);
        Assert.That(csv.Settings["method"], Is.EqualTo("sample"));
    }

    private static void AssertBitwiseEqual(double[] actual, double[] expected)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        for (int i = 0; i < expected.Length; i++)
            Assert.That(BitConverter.DoubleToInt64Bits(actual[i]), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected[i])),
                $"element {i}: {actual[i]:R} vs {expected[i]:R}");
    }

    [Test]
    public void DefaultNamesFollowCmdStansVectorConvention()
    {
        Assert.That(CmdStanCsvWriter.DefaultParameterNames(3), Is.EqualTo(new[] { "theta.1", "theta.2", "theta.3" }));
        Assert.That(CmdStanCsvWriter.DefaultParameterNames(2, "w"), Is.EqualTo(new[] { "w.1", "w.2" }));
    }

    [Test]
    public void FileWriterFlushesRegularlyAndClosesOnDispose()
    {
        string path = Path.Combine(Path.GetTempPath(), $"hmc-csv-{Guid.NewGuid():N}.csv");
        try
        {
            using (var writer = new CmdStanCsvWriter(path, ["a"], flushInterval: 2))
            {
                writer.WriteDraw(new DrawStatistics(0, 1, 0.1, 1, 1, false, 0), [1.0]);
                writer.WriteDraw(new DrawStatistics(0, 1, 0.1, 1, 1, false, 0), [2.0]);
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                Assert.That(CmdStanCsvReader.Read(reader).Column("a").ToArray(), Is.EqualTo(new[] { 1.0, 2.0 }));
                writer.WriteDraw(new DrawStatistics(0, 1, 0.1, 1, 1, false, 0), [3.0]);
            }
            Assert.That(CmdStanCsvReader.Read(path).Column("a").ToArray(), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("a,b")]
    [TestCase("")]
    [TestCase("energy__")]
    [TestCase("#x")]
    [TestCase("line\nbreak")]
    public void UnreadableParameterNamesThrow(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new CmdStanCsvWriter(new StringWriter(), [name]));
        Assert.That(ex!.Message, Does.Contain("not a CSV column"));
    }

    [Test]
    public void RepeatedNamesThrow()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new CmdStanCsvWriter(new StringWriter(), ["x", "x"]));
        Assert.That(ex!.Message, Does.Contain("appears twice"));
    }

    [Test]
    public void InvalidSettingsThrow()
    {
        Assert.Throws<ArgumentException>(() => _ = new CmdStanCsvWriter(new StringWriter(), ["x"],
            new Dictionary<string, string> { ["a=b"] = "1" }));
        Assert.Throws<ArgumentException>(() => _ = new CmdStanCsvWriter(new StringWriter(), ["x"],
            new Dictionary<string, string> { ["a"] = "1\n2" }));
    }

    [Test]
    public void WrongLengthsThrow()
    {
        using var writer = new CmdStanCsvWriter(new StringWriter(), ["x", "y"]);
        var draw = Assert.Throws<ArgumentException>(() => writer.WriteDraw(default, [1.0]));
        Assert.That(draw!.Message, Does.Contain("1 values; there are 2 parameters"));
        var metric = Assert.Throws<ArgumentException>(() => writer.WriteAdaptation(0.1, [1.0, 2.0, 3.0]));
        Assert.That(metric!.Message, Does.Contain("3 entries; there are 2 parameters"));
    }

    [Test]
    public void AdaptationIsWrittenOnce()
    {
        using var writer = new CmdStanCsvWriter(new StringWriter(), ["x"]);
        writer.WriteAdaptation(0.1, [1.0]);
        Assert.Throws<InvalidOperationException>(() => writer.WriteAdaptation(0.1, [1.0]));
    }

    [Test]
    public void DisposedWriterThrows()
    {
        var writer = new CmdStanCsvWriter(new StringWriter(), ["x"]);
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.WriteDraw(default, [1.0]));
    }

    [Test]
    public void WriterCountsDraws()
    {
        using var writer = new CmdStanCsvWriter(new StringWriter(), ["x"]);
        for (int i = 0; i < 3; i++) writer.WriteDraw(default, [i]);
        Assert.That(writer.DrawsWritten, Is.EqualTo(3));
    }
}
