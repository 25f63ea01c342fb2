using Hmc.Native.Reporting;
using Hmc.Native.Tests.Diagnostics;

namespace Hmc.Native.Tests.Reporting;

public class CmdStanCsvReaderTests
{
    /// <summary>The shape of a file written by CmdStan 2.33 (trimmed), with nested settings and (Default) markers.</summary>
    private const string CmdStanOutput =
        "# stan_version_major = 2\n" +
        "# model = bernoulli_model\n" +
        "# method = sample (Default)\n" +
        "#   sample\n" +
        "#     num_samples = 1000 (Default)\n" +
        "#     num_warmup = 1000 (Default)\n" +
        "#     algorithm = hmc (Default)\n" +
        "#       hmc\n" +
        "#         metric_file =  (Default)\n" +
        "lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,theta\n" +
        "# Adaptation terminated\n" +
        "# Step size = 0.908349\n" +
        "# Diagonal elements of inverse mass matrix:\n" +
        "# 0.547324\n" +
        "-6.74827,0.998464,0.908349,1,3,0,6.76183,0.24069\n" +
        "-7.07236,0.875406,0.908349,1,3,0,7.31239,0.184143\n" +
        "-6.99307,nan,0.908349,2,3,0,inf,-inf\n" +
        "\n" +
        "# \n" +
        "#  Elapsed Time: 0.005 seconds (Warm-up)\n" +
        "#                0.013 seconds (Sampling)\n" +
        "#                0.018 seconds (Total)\n" +
        "# \n";

    [Test]
    public void ReadsCmdStanOutput()
    {
        var csv = CmdStanCsvReader.Read(new StringReader(CmdStanOutput));
        Assert.That(csv.ParameterNames, Is.EqualTo(new[] { "theta" }));
        Assert.That(csv.DrawCount, Is.EqualTo(3));
        Assert.That(csv.Column("theta").ToArray(), Is.EqualTo(new[] { 0.24069, 0.184143, double.NegativeInfinity }));
        Assert.That(csv.Column(1)[2], Is.NaN);
        Assert.That(csv.Column("energy__")[2], Is.EqualTo(double.PositiveInfinity));
        Assert.That(csv.StepSize, Is.EqualTo(0.908349));
        Assert.That(csv.InverseMetricDiagonal, Is.EqualTo(new[] { 0.547324 }));
        Assert.That(csv.Settings["model"], Is.EqualTo("bernoulli_model"));
        Assert.That(csv.Settings["method"], Is.EqualTo("sample"));
        Assert.That(csv.Settings["num_samples"], Is.EqualTo("1000"));
        Assert.That(csv.Settings["metric_file"], Is.EqualTo(""));
        Assert.That(csv.HasColumn("lp__"), Is.True);
        Assert.That(csv.HasColumn("mu"), Is.False);
    }

    [Test]
    public void MissingColumnNamesTheColumns()
    {
        var csv = CmdStanCsvReader.Read(new StringReader(CmdStanOutput));
        var ex = Assert.Throws<KeyNotFoundException>(() => csv.Column("mu"));
        Assert.That(ex!.Message, Does.Contain("no column 'mu'").And.Contain("theta"));
    }

    [Test]
    public void RowWithWrongFieldCountNamesTheLine()
    {
        var ex = Assert.Throws<InvalidDataException>(() => CmdStanCsvReader.Read(new StringReader("# c\na,b\n1,2\n3\n")));
        Assert.That(ex!.Message, Does.Contain("Line 4 has 1 fields; the header has 2"));
    }

    [Test]
    public void FieldThatIsNotANumberNamesTheLine()
    {
        var ex = Assert.Throws<InvalidDataException>(() => CmdStanCsvReader.Read(new StringReader("a,b\n1,x1\n")));
        Assert.That(ex!.Message, Does.Contain("Line 2: 'x1' is not a number"));
    }

    [Test]
    public void FileWithoutHeaderThrows()
    {
        var ex = Assert.Throws<InvalidDataException>(() => CmdStanCsvReader.Read(new StringReader("# only\n# comments\n")));
        Assert.That(ex!.Message, Does.Contain("no header"));
    }

    [Test]
    public void ReadsRstansSampleFileWithADiagonalMetric()
    {
        var csv = CmdStanCsvReader.Read(Path.Combine(DiagnosticsFixture.RstanFolder, "tiny_diag_1.csv"));
        Assert.That(csv.ParameterNames, Is.EqualTo(new[] { "theta.1", "theta.2", "L.1.1", "L.2.1", "L.1.2", "L.2.2", "sigma" }));
        Assert.That(csv.ColumnNames.Take(7), Is.EqualTo(new[] { "lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__" }));
        Assert.That(csv.DrawCount, Is.EqualTo(200), "rstan saves the 100 warm-up draws before the 100 kept ones");
        Assert.That(csv.StepSize, Is.EqualTo(0.649996));
        Assert.That(csv.InverseMetricDiagonal, Is.EqualTo(new[] { 1.0, 1.0, 1.0, 1.0 }), "one entry per unconstrained parameter");
        Assert.That(csv.InverseMetric, Is.Null);
        Assert.That(csv.Settings["chain_id"], Is.EqualTo("1"));
        Assert.That(csv.Settings["save_warmup"], Is.EqualTo("1"));
        Assert.That(csv.Settings["warmup"], Is.EqualTo("100"));
        Assert.That(csv.Settings["sampler_t"], Is.EqualTo("NUTS(diag_e)"));
        Assert.That(csv.Column("theta.1")[0], Is.EqualTo(-0.408858));
        Assert.That(csv.Column("L.1.1").ToArray(), Is.All.EqualTo(1.0));
    }

    [Test]
    public void ReadsRstansSampleFileWithADenseMetric()
    {
        var csv = CmdStanCsvReader.Read(Path.Combine(DiagnosticsFixture.RstanFolder, "tiny_dense.csv"));
        Assert.That(csv.ParameterNames, Has.Count.EqualTo(7));
        Assert.That(csv.DrawCount, Is.EqualTo(200));
        Assert.That(csv.StepSize, Is.EqualTo(0.596532));
        Assert.That(csv.InverseMetric, Is.EqualTo(new double[,] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } }));
        Assert.That(csv.InverseMetricDiagonal, Is.EqualTo(new[] { 1.0, 1.0, 1.0, 1.0 }));
        Assert.That(csv.Settings["sampler_t"], Is.EqualTo("NUTS(dense_e)"));
        Assert.That(csv.Column("lp__")[0], Is.EqualTo(-6.91553));
    }
}
