using System.Text.Json;
using Hmc.Native.Cli;

namespace Hmc.Native.Tests.Cli;

public class CommandLineTests
{
    /// <summary>Runs <c>hmc</c> in this process on the arguments; returns the exit code and what it wrote to each stream.</summary>
    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string TempFile(string name) => Path.Combine(Path.GetTempPath(), $"hmc-{Guid.NewGuid():N}-{name}");

    [Test]
    public void SampleWritesTheJsonReport()
    {
        string json = TempFile("funnel.json");
        var (code, output, _) = Run("sample", "funnel", "--sampler", "nuts", "--samples", "200", "--burn", "200", "--chains", "2", "--seed", "3", "--json", json, "--quiet");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("ESS_bulk").And.Contain("Acceptance rate"));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        foreach (var field in new[] { "sampler", "integrator", "metric", "num_samples", "burn", "chains", "seed", "wall_seconds", "sampling_seconds",
                     "samples_per_second", "gradient_evaluations", "acceptance_rate", "divergences", "params", "kl_v" })
            Assert.That(root.TryGetProperty(field, out _), Is.True, $"field {field}");
        Assert.That(root.GetProperty("sampler").GetString(), Is.EqualTo("nuts"));
        Assert.That(root.GetProperty("chains").GetInt32(), Is.EqualTo(2));
        var first = root.GetProperty("params")[0];
        Assert.That(first.GetProperty("name").GetString(), Is.EqualTo("v"));
        foreach (var field in new[] { "mean", "sd", "q05", "q50", "q95", "ess_bulk", "ess_tail", "rhat", "mcse_mean" })
            Assert.That(first.TryGetProperty(field, out _), Is.True, $"params field {field}");
        Assert.That(root.GetProperty("params").GetArrayLength(), Is.EqualTo(11));
        File.Delete(json);
    }

    [Test]
    public void SampleWritesCmdStanCsvPerChain()
    {
        string csv = TempFile("draws.csv");
        var (code, _, _) = Run("sample", "gaussian", "--samples", "50", "--chains", "2", "--seed", "1", "--csv", csv, "--quiet");
        Assert.That(code, Is.Zero);
        for (int chain = 1; chain <= 2; chain++)
        {
            string path = Path.Combine(Path.GetDirectoryName(csv)!, $"{Path.GetFileNameWithoutExtension(csv)}_{chain}.csv");
            var read = Hmc.Native.Reporting.CmdStanCsvReader.Read(path);
            Assert.That(read.DrawCount, Is.EqualTo(50));
            Assert.That(read.ColumnNames.Take(7), Is.EqualTo(new[] { "lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__" }));
            File.Delete(path);
        }
    }

    [TestCase("sample", "nowhere")]
    [TestCase("sample", "gaussian", "--samples", "zero")]
    [TestCase("sample", "gaussian", "--step-size", "-1")]
    [TestCase("sample", "gaussian", "--sampler", "gibbs")]
    [TestCase("sample", "gaussian", "--bogus", "1")]
    [TestCase("frobnicate")]
    [TestCase("mnist", "--device", "tpu")]
    public void BadFlagsGiveOneLineAndExitCodeTwo(params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith("hmc: "));
    }

    [Test]
    public void AMissingCovarianceFileIsAnError()
    {
        var (code, _, error) = Run("sample", "mvn", "--cov", "/no/such/file.csv", "--quiet");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("/no/such/file.csv"));
    }

    [Test]
    public void RmhmcRunsFromTheCommandLine()
    {
        string json = TempFile("rm.json");
        var (code, _, _) = Run("sample", "gaussian", "--sampler", "rmhmc", "--metric", "softabs", "--samples", "30", "--step-size", "0.3", "--steps", "5",
            "--chains", "1", "--json", json, "--quiet");
        Assert.That(code, Is.Zero);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(doc.RootElement.GetProperty("max_fixed_point_iterations").GetInt32(), Is.GreaterThan(0));
        File.Delete(json);
    }

    [Test]
    public void ExplicitSettingsOutsideTheSweepsRuleAreNamedInAWarning()
    {
        var (code, output, _) = Run("sample", "gaussian", "--sampler", "rmhmc", "--integrator", "explicit", "--metric", "softabs", "--explicit-binding", "10",
            "--samples", "5", "--step-size", "0.15", "--steps", "5", "--chains", "1", "--quiet");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("Warning: explicit RMHMC with step size 0.15 and binding 10 (rotation angle 2*omega*eps = 3.00 rad) is outside the settings"));
        Assert.That(output, Does.Contain("step size at most 0.05 and 2*omega*eps (mod 2*pi) outside pi +/- 0.7 rad"));
        var (_, inside, _) = Run("sample", "gaussian", "--sampler", "rmhmc", "--integrator", "explicit", "--metric", "softabs", "--explicit-binding", "10",
            "--samples", "5", "--step-size", "0.05", "--steps", "5", "--chains", "1", "--quiet");
        Assert.That(inside, Does.Not.Contain("Warning: explicit RMHMC"));
        var (_, implicitRun, _) = Run("sample", "gaussian", "--sampler", "rmhmc", "--metric", "softabs", "--samples", "5", "--step-size", "0.15", "--steps", "5", "--chains", "1", "--quiet");
        Assert.That(implicitRun, Does.Not.Contain("Warning: explicit RMHMC"));
    }

    [TestCase(0.02, 1.0, true)]
    [TestCase(0.05, 10.0, true)]
    [TestCase(0.05, 40.0, true)]
    [TestCase(0.05, 30.0, false)]
    [TestCase(0.02, 75.0, false)]
    [TestCase(0.05, 25.0, false)]
    [TestCase(0.1, 1.0, false)]
    [TestCase(0.15, 10.0, false)]
    public void TheExplicitBindingRuleBoundsTheStepSizeAndKeepsTheAngleAwayFromPi(double stepSize, double bindingConst, bool holds) =>
        Assert.That(Hmc.Native.Cli.Commands.ExplicitBindingRule.Holds(stepSize, bindingConst), Is.EqualTo(holds),
            $"2*omega*eps = {2 * bindingConst * stepSize} rad");

    [Test]
    public void ADivergingRunSaysSoAndWhatToChange()
    {
        var (code, output, _) = Run("sample", "funnel", "--sampler", "rmhmc", "--integrator", "explicit", "--metric", "softabs", "--explicit-binding", "10",
            "--jitter", "0.01", "--softabs-const", "1e6", "--samples", "20", "--step-size", "0.15", "--steps", "25", "--chains", "1", "--quiet");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("transitions diverged"));
        Assert.That(output, Does.Contain("3.00 rad"));
        var (_, calm, _) = Run("sample", "gaussian", "--samples", "50", "--chains", "1", "--quiet");
        Assert.That(calm, Does.Not.Contain("diverged"));
    }

    [Test]
    public void MnistRunsOnTheShippedSubsetAndWritesItsJson()
    {
        string json = TempFile("mnist.json");
        var (code, output, error) = Run("mnist", "--samples", "3", "--burn", "1", "--train", "8", "--val", "20", "--json", json, "--quiet");
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("Accuracy of the posterior-predictive mean"));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        foreach (var field in new[] { "samples_per_second", "acceptance_rate", "accuracy", "accuracy_per_sample", "sampling_seconds", "predict_seconds" })
            Assert.That(root.TryGetProperty(field, out _), Is.True, $"field {field}");
        Assert.That(root.GetProperty("accuracy_per_sample").GetArrayLength(), Is.EqualTo(3));
        File.Delete(json);
    }

    [Test]
    public void RegressionDrawsItsFigure()
    {
        string dir = TempFile("regression");
        var (code, output, _) = Run("regression", "--samples", "40", "--burn", "40", "--chains", "1", "--out", dir, "--quiet");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("RMSE"));
        Assert.That(File.Exists(Path.Combine(dir, "regression.png")), Is.True);
        Directory.Delete(dir, recursive: true);
    }

    [Test, Category("Slow")]
    public void WalkthroughWritesEveryFigure()
    {
        string dir = TempFile("walkthrough");
        var (code, output, error) = Run("walkthrough", "--out", dir, "--quiet", "--mnist-samples", "3");
        Assert.That(code, Is.Zero, error);
        foreach (var figure in new[] { "gaussian_draws.png", "funnel_draws.png", "funnel_v_histograms.png", "mnist_accuracy.png" })
            Assert.That(File.Exists(Path.Combine(dir, figure)), Is.True, figure);
        Assert.That(output, Does.Contain("3-D Gaussian, implicit RMHMC").And.Contain("Funnel, NUTS").And.Contain("MNIST"));
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void DevicesListsTheCpuAccelerator()
    {
        var (code, output, _) = Run("devices");
        Assert.That(code, Is.Zero);
        var line = output.Split('\n').Single(l => l.StartsWith("ilgpu-cpu", StringComparison.Ordinal));
        Assert.That(line, Does.EndWith("[test device: runs the GPU kernels on the CPU to check them; sample on the CPU with --device cpu]"));
    }

    [Test]
    public void TheIlgpuCpuTestDeviceIsRefusedForTheMnistCnn()
    {
        var (code, _, error) = Run("mnist", "--device", "ilgpu-cpu", "--samples", "1", "--quiet");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.TrimEnd(), Is.EqualTo(
            "hmc: --device ilgpu-cpu is a test device (ILGPU's CPU accelerator, which runs the GPU kernels to check them); the MNIST CNN has 431,080 weights, " +
            "more than the 20,000 it accepts. Use --device cpu, the managed SIMD path, to sample on the CPU."));
    }

    [Test]
    public void AnAbsentDeviceIsAClearError()
    {
        if (Hmc.Native.Gpu.GpuContext.Shared.IsAvailable(Hmc.Native.Tensors.Device.Cuda)) Assert.Ignore("a CUDA device is present");
        var (code, _, error) = Run("mnist", "--device", "cuda", "--samples", "1", "--quiet");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("Present devices"));
    }
}
