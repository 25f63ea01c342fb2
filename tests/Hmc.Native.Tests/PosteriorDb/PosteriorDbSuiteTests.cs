using Hmc.Native.Cli.PosteriorDb;

namespace Hmc.Native.Tests.PosteriorDb;

/// <summary>
/// NUTS with Stan's defaults (4 chains, 1000 + 1000 iterations, fixed seed) on each posteriordb posterior: every
/// value the reference reports agrees with the reference draws in mean, sd and 5 %/95 % quantiles within the
/// combined MCSE (Bonferroni over the posterior's quantities), with R̂ below 1.01 and a bulk ESS of at least 400.
/// </summary>
public class PosteriorDbSuiteTests
{
    /// <summary>
    /// The posteriors whose run costs more than 10 CPU seconds (about 20 s on two shared cores): kilpisjarvi's
    /// 4 million gradients and the Gaussian process's Cholesky factor in every gradient.
    /// </summary>
    private static readonly HashSet<string> Slow = ["kilpisjarvi_mod-kilpisjarvi", "gp_pois_regr-gp_pois_regr"];

    /// <summary>
    /// diamonds needs about 6 million gradients of a 5000 × 24 regression, about 780 CPU seconds here (benchmarks/RESULTS.md):
    /// more than the suite's budget on two cores, so it runs when asked for, and in <c>hmc posteriordb diamonds-diamonds</c>.
    /// </summary>
    private const string TooSlowForTheSuite = "diamonds-diamonds";

    private static IEnumerable<TestCaseData> Cases() =>
        Posteriors.All.Select(p =>
        {
            var data = new TestCaseData(p.Name).SetName($"AgreesWithTheReference({p.Name})");
            if (p.Name == TooSlowForTheSuite) return data.SetCategory("Slow").Explicit("about 780 CPU seconds: run it by name or with hmc posteriordb diamonds-diamonds");
            return Slow.Contains(p.Name) ? data.SetCategory("Slow") : data;
        });

    [TestCaseSource(nameof(Cases))]
    public void AgreesWithTheReference(string name)
    {
        var outcome = PosteriorDbRun.Run(Posteriors.Named(name), PosteriorDbData.DirectoryOrIgnore());
        var r = outcome.Report;
        TestContext.Out.WriteLine($"min bulk ESS {r.MinEssBulk:F0}, min tail ESS {r.MinEssTail:F0}, max R-hat {r.MaxRhat:F4}, gradients {r.GradientsWarmup} + {r.GradientsSampling}, divergences {r.Divergences}");
        foreach (var q in outcome.Comparison.Quantities) TestContext.Out.WriteLine(q);
        Assert.That(outcome.Comparison.Failures, Is.Empty, $"{name} (z threshold {outcome.Comparison.Threshold:F2}):\n{string.Join("\n", outcome.Comparison.Failures)}");
        Assert.That(r.Agrees, Is.True);
    }
}
