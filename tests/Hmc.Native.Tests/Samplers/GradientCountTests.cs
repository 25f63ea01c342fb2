using Hmc.Native.Adaptation;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Samplers;

/// <summary>
/// The run result's warm-up and sampling leapfrog steps are the gradient evaluations the kernel made in each phase:
/// a density that counts its own evaluations sees exactly one for the starting point plus one per reported step.
/// </summary>
public class GradientCountTests
{
    private sealed class CountingDensity(ILogDensity inner) : ILogDensity
    {
        public long Evaluations { get; private set; }

        public int Dimension => inner.Dimension;

        public double Evaluate(ReadOnlySpan<double> position, Span<double> gradient)
        {
            Evaluations++;
            return inner.Evaluate(position, gradient);
        }

        public ILogDensity Fork() => throw new NotSupportedException("one chain only");
    }

    private static ILogDensity Gaussian() => TestTargets.Gaussian([0, 1], [1, 0, 0, 4]);

    [Test]
    public void WarmUpAndSamplingStepsAreTheKernelsGradientEvaluations()
    {
        var density = new CountingDensity(Gaussian());
        var result = Sampling.Sample(density, [0.1, 0.2], new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 150, Burn = 70, Chains = 1, Seed = 3, StepSize = 0.4,
            AdaptStepSize = false, AdaptMass = MassMatrixAdaptation.None,
        });
        var chain = result.Chains[0];
        Assert.That(chain.GradientEvaluationsWarmUp, Is.GreaterThanOrEqualTo(70), "every NUTS transition takes at least one step");
        Assert.That(chain.GradientEvaluationsSampling, Is.EqualTo(chain.Statistics.Sum(s => (long)s.LeapfrogSteps)), "sampling steps are the kept draws' n_leapfrog__");
        Assert.That(chain.GradientEvaluationsWarmUp + chain.GradientEvaluationsSampling, Is.EqualTo(chain.LeapfrogSteps));
        Assert.That(density.Evaluations, Is.EqualTo(1 + chain.GradientEvaluationsWarmUp + chain.GradientEvaluationsSampling), "one evaluation at the start, one per step");
        Assert.That(result.GradientEvaluationsWarmUp, Is.EqualTo(chain.GradientEvaluationsWarmUp));
        Assert.That(result.GradientEvaluationsSampling, Is.EqualTo(chain.GradientEvaluationsSampling));
    }

    [Test]
    public void ThinnedOutTransitionsCountAsSamplingSteps()
    {
        var result = Sampling.Sample(Gaussian(), [0.1, 0.2], new SampleOptions
        {
            Sampler = Sampler.Hmc, NumSamples = 20, Burn = 10, Thin = 3, Chains = 2, Seed = 4, StepSize = 0.2, NumStepsPerSample = 5,
        });
        Assert.Multiple(() =>
        {
            foreach (var chain in result.Chains)
            {
                Assert.That(chain.GradientEvaluationsWarmUp, Is.EqualTo(10 * 5), "fixed-length HMC: burn × L");
                Assert.That(chain.GradientEvaluationsSampling, Is.EqualTo(20 * 3 * 5), "samples × thin × L");
            }
        });
    }
}
