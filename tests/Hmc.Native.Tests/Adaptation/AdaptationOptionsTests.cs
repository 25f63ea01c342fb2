using Hmc.Native.Adaptation;
using Hmc.Native.Metrics;
using Hmc.Native.Reporting;
using Hmc.Native.Samplers;
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Adaptation;

/// <summary><see cref="SampleOptions.Adaptation"/>: what it conflicts with, its default warm-up, what the run reports and what the CSV states.</summary>
public class AdaptationOptionsTests
{
    private static readonly double[] Covariance = [1.0, 0.95, 0.95, 1.0];

    private static ILogDensity Density() => TestTargets.Gaussian([0, 0], TestTargets.Inverse(Covariance, 2));

    [TestCase(MassMatrixAdaptation.Dense, AdaptationScheme.Diagonal)]
    [TestCase(MassMatrixAdaptation.Dense, AdaptationScheme.LowRank)]
    [TestCase(MassMatrixAdaptation.None, AdaptationScheme.Diagonal)]
    public void AStanMassAdaptationOtherThanDiagonalConflictsWithNutpiesSchemes(MassMatrixAdaptation mass, AdaptationScheme scheme)
    {
        var ex = Assert.Throws<ArgumentException>(() => Sampling.Sample(Density(), [0.1, 0.1], new SampleOptions
        {
            Sampler = Sampler.Nuts, Burn = 50, NumSamples = 2, Chains = 1, Seed = 1, AdaptMass = mass, Adaptation = scheme,
        }));
        Assert.That(ex!.Message, Does.Contain($"SampleOptions.AdaptMass = {mass} conflicts with SampleOptions.Adaptation = {scheme}"));
    }

    [TestCase(AdaptationScheme.Diagonal, "diag_e")]
    [TestCase(AdaptationScheme.LowRank, "dense_e")]
    public void NutpiesSchemesWarmUpFor400IterationsByDefaultAndTheCsvStatesTheirMetric(AdaptationScheme scheme, string cmdStanMetric)
    {
        string path = Path.Combine(Path.GetTempPath(), $"adaptation-{Guid.NewGuid():N}.csv");
        try
        {
            var result = Sampling.Sample(Density(), [0.1, 0.1], new SampleOptions
            {
                Sampler = Sampler.Nuts, NumSamples = 20, Chains = 1, Seed = 3, Adaptation = scheme, CsvPath = path,
            });
            var csv = CmdStanCsvReader.Read(path);
            Assert.That(csv.Settings["num_warmup"], Is.EqualTo("400"));
            Assert.That(csv.Settings["metric"], Is.EqualTo(cmdStanMetric));
            var metric = result.Chains[0].Metric!;
            Assert.That(metric.CmdStanName, Is.EqualTo(cmdStanMetric));
            Assert.That(result.Chains[0].GradientEvaluationsWarmUp, Is.GreaterThanOrEqualTo(400), "each of the 400 warm-up transitions costs a gradient");
            var expected = new double[4];
            metric.CopyInverseMass(expected);
            Assert.That(csv.InverseMetricDiagonal, Is.EqualTo(new[] { expected[0], expected[3] }).Within(1e-12).Percent);
            if (scheme == AdaptationScheme.LowRank)
            {
                Assert.That(metric, Is.InstanceOf<LowRankMetric>());
                Assert.That(expected[1], Is.Not.Zero, "the low-rank metric has the correlation's off-diagonal term");
                Assert.That(new[] { csv.InverseMetric![0, 0], csv.InverseMetric[0, 1], csv.InverseMetric[1, 0], csv.InverseMetric[1, 1] },
                    Is.EqualTo(expected).Within(1e-12).Percent, "CmdStan readers get the full M⁻¹");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void StanWithoutBurnHasNoWarmUp()
    {
        var result = Sampling.Sample(Density(), [0.1, 0.1], new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 20, Chains = 1, Seed = 3 });
        Assert.That(result.GradientEvaluationsWarmUp, Is.Zero);
        Assert.That(result.Chains[0].Metric, Is.InstanceOf<UnitMetric>());
    }

    /// <summary>
    /// Every gradient the run evaluates is counted once, in warm-up or in sampling: the density's own count is the
    /// run's total plus the evaluation of the initial point; sampling's count is the sum of the kept draws' n_leapfrog
    /// (no thinning), and warm-up's also holds the step-size searches.
    /// </summary>
    [TestCase(AdaptationScheme.Stan, Sampler.Nuts)]
    [TestCase(AdaptationScheme.Diagonal, Sampler.Nuts)]
    [TestCase(AdaptationScheme.LowRank, Sampler.Nuts)]
    [TestCase(AdaptationScheme.Diagonal, Sampler.Hmc)]
    public void GradientEvaluationsOfWarmUpAndSamplingAddUpToWhatTheDensityEvaluated(AdaptationScheme scheme, Sampler sampler)
    {
        long evaluations = 0;
        var inner = Density();
        var counting = new FusedLogDensity((x, g) =>
        {
            Interlocked.Increment(ref evaluations);
            return inner.Evaluate(x, g);
        }, 2);
        var result = Sampling.Sample(counting, [0.1, 0.1], new SampleOptions
        {
            Sampler = sampler, NumSamples = 200, Burn = 150, Chains = 1, Seed = 9, Adaptation = scheme, AdaptStepSize = true,
        });
        Assert.That(result.GradientEvaluations + 1, Is.EqualTo(evaluations));
        var chain = result.Chains[0];
        Assert.That(chain.GradientEvaluationsSampling, Is.EqualTo(chain.Statistics.Sum(s => (long)s.LeapfrogSteps)));
        Assert.That(chain.GradientEvaluationsWarmUp, Is.GreaterThan(chain.LeapfrogSteps - chain.GradientEvaluationsSampling), "the searches' probes");
    }
}
