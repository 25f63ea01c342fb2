using System.Text.Json;
using Hmc.Native.Tests.Cli;

namespace Hmc.Native.Tests.PosteriorDb;

public class PosteriorDbCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => CommandLineTests.Run(args);

    [Test]
    public void OnePosteriorPrintsTheTableAndWritesTheJson()
    {
        string directory = PosteriorDbData.DirectoryOrIgnore();
        string json = Path.Combine(Path.GetTempPath(), $"hmc-{Guid.NewGuid():N}-pdb.json");
        try
        {
            var (code, output, error) = Run("posteriordb", "mesquite-logmesquite_logvolume", "--data", directory, "--json", json, "--seed", "5", "--adaptation", "stan");
            Assert.That(code, Is.Zero, error + output);
            Assert.That(output, Does.Contain("mesquite-logmesquite_logvolume: agrees with the reference (12 quantities"));
            Assert.That(output, Does.Contain("min ESS bulk").And.Contain("grads warm-up").And.Contain("ESS/grad"));
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            Assert.That(doc.RootElement.GetArrayLength(), Is.EqualTo(1));
            var report = doc.RootElement[0];
            Assert.That(report.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
            {
                "posterior", "agrees", "min_ess_bulk", "min_ess_tail", "max_rhat", "gradients_warmup", "gradients_sampling",
                "ess_per_gradient", "ess_per_second", "divergences", "adaptation",
            }));
            Assert.That(report.GetProperty("posterior").GetString(), Is.EqualTo("mesquite-logmesquite_logvolume"));
            Assert.That(report.GetProperty("agrees").GetBoolean(), Is.True);
            Assert.That(report.GetProperty("adaptation").GetString(), Is.EqualTo("stan"));
            long gradients = report.GetProperty("gradients_warmup").GetInt64() + report.GetProperty("gradients_sampling").GetInt64();
            Assert.That(report.GetProperty("gradients_sampling").GetInt64(), Is.GreaterThanOrEqualTo(4000), "at least one step per draw");
            Assert.That(report.GetProperty("ess_per_gradient").GetDouble(), Is.EqualTo(report.GetProperty("min_ess_bulk").GetDouble() / gradients).Within(1e-12));
        }
        finally
        {
            File.Delete(json);
        }
    }

    [TestCase(new[] { "posteriordb" }, "needs one posterior's name or --all")]
    [TestCase(new[] { "posteriordb", "nowhere" }, "No posterior 'nowhere'")]
    [TestCase(new[] { "posteriordb", "sblrc-blr", "--all" }, "not both")]
    [TestCase(new[] { "posteriordb", "sblrc-blr", "--adaptation", "nutpie" }, "--adaptation expects one of stan|diag|lowrank, got 'nutpie'")]
    [TestCase(new[] { "posteriordb", "sblrc-blr", "--seed", "x" }, "--seed expects an integer")]
    public void BadUsageIsNamed(string[] args, string message)
    {
        var (code, _, error) = Run(args);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public void AMissingDataDirectoryIsAnError()
    {
        var (code, _, error) = Run("posteriordb", "sblrc-blr", "--data", "/no/such/dir");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("The posteriordb directory /no/such/dir (from --data) does not exist."));
    }
}
