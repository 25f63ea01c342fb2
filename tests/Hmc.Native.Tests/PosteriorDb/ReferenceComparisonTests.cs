using System.Text.Json;
using Hmc.Native.Cli.PosteriorDb;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Hmc.Native.Tests.PosteriorDb;

/// <summary>
/// The comparison on a posterior known exactly, x ~ N(0, 1) sampled with NUTS, against reference draws made here:
/// iid N(0, 1) draws agree; draws of a shifted or a wider normal fail, naming the value, both estimates and the z-score;
/// a bulk ESS or R̂ requirement that cannot be met fails naming it.
/// </summary>
public class ReferenceComparisonTests
{
    private static SamplingResult _ours = null!;

    [OneTimeSetUp]
    public void SampleTheStandardNormal()
    {
        var model = new Model().Parameter("x").WithLogDensity(p => -0.5 * p["x"].Square().Sum());
        _ours = Sampling.Sample(model, new SampleOptions { Sampler = Sampler.Nuts, Chains = 4, Burn = 500, NumSamples = 1000, Seed = 8 });
    }

    private static ReferenceDraws Reference(double mean, double sd, int seed)
    {
        var rng = new MersenneTwister(seed);
        var chains = Enumerable.Range(0, 10).Select(_ => new Dictionary<string, double[]>
        {
            ["x"] = Enumerable.Range(0, 1000).Select(_ => Normal.Sample(rng, mean, sd)).ToArray(),
        }).ToList();
        string path = Path.Combine(Path.GetTempPath(), $"hmc-reference-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(chains));
        try
        {
            return ReferenceDraws.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void DrawsOfTheSamePosteriorAgree()
    {
        var comparison = ReferenceComparison.Compare(_ours, Reference(0, 1, 1));
        Assert.That(comparison.Failures, Is.Empty);
        Assert.That(comparison.Quantities.Select(q => q.Quantity), Is.EqualTo(new[] { "mean", "sd", "q5", "q95" }));
        Assert.That(comparison.Threshold, Is.EqualTo(Normal.InvCDF(0, 1, 1 - 0.001 / 8)).Within(1e-12), "Bonferroni over 4 quantities at 0.1%");
    }

    [Test]
    public void AShiftedReferenceFailsNamingTheValueBothEstimatesAndZ()
    {
        var comparison = ReferenceComparison.Compare(_ours, Reference(0.3, 1, 2));
        Assert.That(comparison.Agrees, Is.False);
        var mean = comparison.Quantities.Single(q => q.Quantity == "mean");
        Assert.That(mean.Reference, Is.EqualTo(0.3).Within(0.05));
        Assert.That(comparison.Failures, Has.Some.Contains("x mean: ours").And.Some.Contains($"reference {mean.Reference:G6}").And.Some.Contains($"z = {mean.Z:F2}"));
    }

    [Test]
    public void AWiderReferenceFailsOnTheSdAndTheQuantiles()
    {
        var comparison = ReferenceComparison.Compare(_ours, Reference(0, 1.3, 3));
        Assert.That(comparison.Failures, Has.Some.Contains("x sd:").And.Some.Contains("x q5:").And.Some.Contains("x q95:"));
        Assert.That(comparison.Failures, Has.None.Contains("x mean:"), "the means agree");
    }

    [Test]
    public void UnmetConvergenceRequirementsAreNamed()
    {
        var comparison = ReferenceComparison.Compare(_ours, Reference(0, 1, 4), new ComparisonCriteria(MinimumEssBulk: 1e9, MaximumRhat: 1.0));
        Assert.That(comparison.Failures, Has.Some.Contains("x: bulk ESS").And.Some.Contains("below the required 1000000000"));
        Assert.That(comparison.Failures, Has.Some.Contains("x: R̂").And.Some.Contains("is not below 1"));
    }

    [Test]
    public void AValueTheModelDoesNotReportFails()
    {
        string path = Path.Combine(Path.GetTempPath(), $"hmc-reference-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new[] { new Dictionary<string, double[]> { ["tau"] = [1, 2, 3, 4, 5, 6] } }));
        var reference = ReferenceDraws.Load(path);
        File.Delete(path);
        var comparison = ReferenceComparison.Compare(_ours, reference);
        Assert.That(comparison.Failures, Is.EqualTo(new[] { "tau: the reference reports it, our model does not (it reports x)" }));
    }
}
