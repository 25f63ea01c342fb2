using Hmc.Native.Adaptation;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Samplers;

public class StepSizeSearchTests
{
    /// <summary>A kernel whose one-step energy error is ε² (beyond <paramref name="unstableAbove"/>: a failed step).</summary>
    private sealed class QuadraticProbe(double stepSize, double unstableAbove = double.PositiveInfinity) : IProbesStepSize
    {
        public double StepSize { get; set; } = stepSize;

        public ChainState Initialize(ReadOnlySpan<double> position) => new(position.ToArray(), 0, new double[position.Length]);

        public (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state) => throw new NotSupportedException();

        public double OneStepEnergyError(Rng rng, ChainState state, double stepSize) =>
            stepSize > unstableAbove ? double.PositiveInfinity : stepSize * stepSize;
    }

    // exp(−ε²) crosses 0.8 at ε = 0.472: doubling from 10⁻³ stops at 10⁻³·2⁹ = 0.512, halving from 100 at 100/2⁸ = 0.39.
    [TestCase(1e-3, 0.512)]
    [TestCase(100.0, 0.390625)]
    public void TheSearchStopsWhereTheOneStepAcceptanceCrosses08(double start, double expected)
    {
        var probe = new QuadraticProbe(start);
        var state = probe.Initialize([0.0]);
        Assert.That(StepSizeSearch.Find(probe, state, start, new Rng(1), out _), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void AFailedStepCountsAsARejection()
    {
        var probe = new QuadraticProbe(8, unstableAbove: 0.3);
        Assert.That(StepSizeSearch.Find(probe, probe.Initialize([0.0]), 8, new Rng(1), out _), Is.EqualTo(0.25));
    }

    [Test]
    public void WarmUpSearchesTheStepSizeOfAKernelThatProbesIt()
    {
        var probe = new QuadraticProbe(1e-3);
        var warmUp = new WarmUp(200, adaptStepSize: true, MassMatrixAdaptation.None, 0.8, 1);
        warmUp.Begin(probe, probe.Initialize([0.0]), new Rng(2));
        Assert.That(probe.StepSize, Is.EqualTo(0.512).Within(1e-12));
    }
}
