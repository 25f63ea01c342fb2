using Hmc.Native.Autodiff;
using Hmc.Native.Metrics;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Samplers;

public class SamplingRobustnessTests
{
    private static readonly SampleOptions Quick = new() { NumSamples = 50, Chains = 1, Seed = 1 };

    private static Tensor<double> StandardNormal(Tensor<double> x) => -0.5 * (x * x).Sum();

    [Test]
    public void RejectsBadInitialParameters()
    {
        Assert.Throws<InvalidInitialPointException>(() => Sampling.Sample(StandardNormal, [double.NaN, 0], Quick));
        Assert.Throws<InvalidInitialPointException>(() => Sampling.Sample(StandardNormal, [double.PositiveInfinity], Quick));
        var ex = Assert.Throws<InvalidInitialPointException>(() => Sampling.Sample(t => (t * t).Sum().Log() * 0.0 + t[0].Log(), [-1.0, 0], Quick));
        Assert.That(ex!.Message, Does.Contain("log-density is NaN"));
    }

    [Test]
    public void RejectsAWrongLengthInitialPoint()
    {
        var density = TestTargets.Gaussian([0, 0], [1, 0, 0, 1]);
        var ex = Assert.Throws<InvalidInitialPointException>(() => Sampling.Sample(density, [0.0], Quick));
        Assert.That(ex!.Message, Does.Contain("length 1").And.Contain("dimension 2"));
    }

    [Test]
    public void RejectsANonScalarLogDensity()
    {
        var ex = Assert.Throws<LogDensityException>(() => Sampling.Sample(t => t * 2.0, [0.0, 1.0], Quick));
        Assert.That(ex!.InnerException, Is.TypeOf<NonScalarOutputException>());
        Assert.That(ex.Message, Does.Contain("shape [2]"));
    }

    [Test]
    public void RejectsAMinusInfinityLogDensityAtTheStart()
    {
        var ex = Assert.Throws<InvalidInitialPointException>(() => Sampling.Sample(t => (t - 1.0).Log().Sum(), [1.0], Quick));
        Assert.That(ex!.Message, Does.Contain("-∞").Or.Contain("Infinity"));
    }

    [Test]
    public void RejectsBadMassMatrices()
    {
        Assert.Throws<ArgumentException>(() => new DenseMetric([1, 2, 2, 1], 2), "not positive definite");
        Assert.Throws<ArgumentException>(() => new DenseMetric([1, 0.5, 0.2, 1], 2), "not symmetric");
        Assert.Throws<ArgumentException>(() => new DiagonalMetric([1, -1]));
        var ex = Assert.Throws<ArgumentException>(() => Sampling.Sample(StandardNormal, [0.0, 0.0], Quick with { InverseMass = new DiagonalMetric([1, 1, 1]) }));
        Assert.That(ex!.Message, Does.Contain("dimension 3").And.Contain("2"));
    }

    [TestCase(0.0)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    public void RejectsNonPositiveStepSizes(double stepSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(StandardNormal, [0.0], Quick with { StepSize = stepSize }));

    [Test]
    public void RejectsNonPositiveSampleCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(StandardNormal, [0.0], Quick with { NumSamples = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(StandardNormal, [0.0], Quick with { Burn = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(StandardNormal, [0.0], Quick with { NumStepsPerSample = 0 }));
    }

    [TestCase(Sampler.Hmc)]
    [TestCase(Sampler.Nuts)]
    public void InvalidProposalsAreCountedRejectionsAndTheChainStaysPut(Sampler sampler)
    {
        // A half-normal written without a support check: log π is NaN for x < 0, so proposals there are invalid.
        var density = new FusedLogDensity((x, g) => { g[0] = -x[0]; return x[0] < 0 ? double.NaN : -0.5 * x[0] * x[0]; }, 1);
        var result = Sampling.Sample(density, [0.5], new SampleOptions
        {
            Sampler = sampler, NumSamples = 2000, Chains = 1, Seed = 4, StepSize = 0.4,
            NumStepsPerSample = sampler == Sampler.Hmc ? 5 : new SampleOptions().NumStepsPerSample,
        });
        Assert.That(result.InvalidProposals, Is.GreaterThan(0));
        var chain = result.Chains[0];
        Assert.That(chain.Draws.All(d => d[0] >= 0), Is.True, "no draw is ever taken from the invalid region");
        int repeats = Enumerable.Range(1, chain.Draws.Count - 1).Count(i => chain.Draws[i][0] == chain.Draws[i - 1][0]);
        Assert.That(repeats, Is.GreaterThan(0), "rejections keep the last accepted state");
    }

    [Test]
    public void AnExceptionInUserCodeStopsTheRunWithTheParameters()
    {
        int calls = 0;
        var density = new FusedLogDensity((x, g) =>
        {
            if (++calls > 30) throw new InvalidOperationException("boom");
            g[0] = -x[0];
            return -0.5 * x[0] * x[0];
        }, 1);
        var ex = Assert.Throws<LogDensityException>(() => Sampling.Sample(density, [0.1], Quick));
        Assert.That(ex!.InnerException, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex.Position, Has.Length.EqualTo(1));
        Assert.That(ex.Message, Does.Contain("boom"));
    }

    [Test]
    public void TheSameSeedGivesTheSameDrawsWhateverTheScheduling()
    {
        var options = new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 200, Burn = 100, Chains = 4, Seed = 99 };
        var a = Sampling.Sample(StandardNormal, [0.3, -0.2], options);
        var b = Sampling.Sample(StandardNormal, [0.3, -0.2], options);
        var c = Sampling.Sample(StandardNormal, [0.3, -0.2], options with { Chains = 2 });
        Assert.That(a.DrawArray(), Is.EqualTo(b.DrawArray()));
        for (int chain = 0; chain < 2; chain++)
            Assert.That(c.Chains[chain].Draws, Is.EqualTo(a.Chains[chain].Draws), "chain k's stream does not depend on how many chains run");
        Assert.That(a.Chains[0].Draws, Is.Not.EqualTo(a.Chains[1].Draws));
    }

    [Test]
    public void CancellationReturnsWhatWasDrawn()
    {
        using var cts = new CancellationTokenSource();
        var density = new FusedLogDensity((x, g) =>
        {
            Thread.SpinWait(2000);
            g[0] = -x[0];
            return -0.5 * x[0] * x[0];
        }, 1);
        cts.CancelAfter(TimeSpan.FromMilliseconds(300));
        var result = Sampling.Sample(density, [0.0], new SampleOptions { NumSamples = 1_000_000, Chains = 1, Seed = 2 }, cts.Token);
        Assert.That(result.Cancelled, Is.True);
        Assert.That(result.Chains[0].Draws.Count, Is.GreaterThan(0).And.LessThan(1_000_000));
        Assert.That(result.Chains[0].Statistics, Has.Count.EqualTo(result.Chains[0].Draws.Count));
    }
}
