using Hmc.Native.Cli;
using Hmc.Native.Cli.Commands;
using Hmc.Native.Reporting;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Figures;

public class PlotCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("hmc-plot-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private string WriteChain(int chain, int draws)
    {
        string path = Path.Combine(_dir, $"chain{chain}.csv");
        var rng = new Random(chain);
        using var writer = new CmdStanCsvWriter(path, ["mu", "sigma[1]"], new Dictionary<string, string> { ["id"] = chain.ToString() });
        for (int d = 0; d < draws; d++)
            writer.WriteDraw(new DrawStatistics(-1, 0.9, 0.1, 0, 10, false, 2), [rng.NextDouble(), 1 + rng.NextDouble()]);
        return path;
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public void WritesTraceAndRankPlotsOfEveryParameter()
    {
        string a = WriteChain(1, 120), b = WriteChain(2, 120);
        string outDir = Path.Combine(_dir, "figures");
        var (code, output, error) = Run("plot", a, b, "--out", outDir);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(error, Is.Empty);
        foreach (string name in new[] { "mu", "sigma_1_" })
        {
            string trace = Path.Combine(outDir, $"trace_{name}.png");
            string rank = Path.Combine(outDir, $"rank_{name}.png");
            Assert.That(PngFile.Size(trace), Is.EqualTo((PlotCommand.TraceWidth, PlotCommand.TraceHeight)));
            Assert.That(PngFile.Size(rank), Is.EqualTo((PlotCommand.RankWidth, PlotCommand.RankHeight)));
            Assert.That(output, Does.Contain(trace).And.Contain(rank));
        }
    }

    [Test]
    public void ParamsSelectsTheParameters()
    {
        string a = WriteChain(1, 50);
        string outDir = Path.Combine(_dir, "figures");
        var (code, _, error) = Run("plot", a, "--out", outDir, "--params", "sigma[1]");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(Directory.GetFiles(outDir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "rank_sigma_1_.png", "trace_sigma_1_.png" }));
    }

    [Test]
    public void UnknownParameterIsAUsageError()
    {
        string a = WriteChain(1, 20);
        var (code, _, error) = Run("plot", a, "--out", Path.Combine(_dir, "figures"), "--params", "mu,tau");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.Trim(), Does.StartWith("hmc: ").And.Contain("no parameter 'tau'").And.Contain("mu, sigma[1]"));
        Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void MissingFileIsAUsageError()
    {
        var (code, _, error) = Run("plot", Path.Combine(_dir, "absent.csv"), "--out", _dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no such file").And.Contain("absent.csv"));
    }

    [Test]
    public void MalformedCsvIsAnInputError()
    {
        string path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "lp__,mu\n1,abc\n");
        var (code, _, error) = Run("plot", path, "--out", _dir);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("'abc' is not a number"));
    }

    [Test]
    public void NoFileIsAUsageError()
    {
        var (code, _, error) = Run("plot", "--out", _dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("at least one CmdStan CSV file"));
    }
}
