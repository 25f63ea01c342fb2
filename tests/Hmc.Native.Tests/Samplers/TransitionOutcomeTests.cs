using Hmc.Native.Randomness;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Samplers;

public class TransitionOutcomeTests
{
    [TestCase(-3.0, 1.0)]
    [TestCase(0.0, 1.0)]
    [TestCase(0.7, 0.4965853037914095)]
    [TestCase(999.0, 0.0)]
    public void TheAcceptanceProbabilityIsMinOneExpMinusTheEnergyError(double error, double expected)
    {
        var outcome = TransitionOutcome.FromEnergyError(error);
        Assert.That(outcome.AcceptProbability, Is.EqualTo(expected).Within(1e-15));
        Assert.That(outcome.EnergyError, Is.EqualTo(error));
        Assert.That(outcome.Divergent, Is.False);
        Assert.That(outcome.Invalid, Is.False);
    }

    [Test]
    public void AnEnergyErrorAboveTheThresholdIsADivergenceButStillAValidProposal()
    {
        var atThreshold = TransitionOutcome.FromEnergies(10, 10 + TransitionOutcome.DivergenceThreshold);
        var above = TransitionOutcome.FromEnergies(10, 10 + TransitionOutcome.DivergenceThreshold + 1e-9);
        Assert.That(atThreshold.Divergent, Is.False);
        Assert.That(above.Divergent, Is.True);
        Assert.That(above.Invalid, Is.False);
        Assert.That(above.HasEnergy, Is.True);
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void ANonFiniteProposalEnergyCountsAsPlusInfinity(double proposalEnergy)
    {
        var outcome = TransitionOutcome.FromEnergies(1.5, proposalEnergy);
        Assert.That(outcome.EnergyError, Is.EqualTo(double.PositiveInfinity));
        Assert.That(outcome.AcceptProbability, Is.Zero);
        Assert.That(outcome.Invalid, Is.True);
        Assert.That(outcome.Divergent, Is.True);
    }

    [Test]
    public void AProposalMarkedInvalidIsInvalidWhateverItsEnergy()
    {
        var outcome = TransitionOutcome.FromEnergies(1.5, 1.0, valid: false);
        Assert.That(outcome.Invalid, Is.True);
        Assert.That(outcome.AcceptProbability, Is.Zero);
        Assert.That(outcome.Accept(new Rng(1)), Is.False);
    }

    [Test]
    public void AFailedSolveIsRejectedWithoutBeingInvalidOrDivergent()
    {
        var outcome = TransitionOutcome.FailedSolve;
        Assert.That(outcome.SolverFailed, Is.True);
        Assert.That(outcome.Invalid || outcome.Divergent, Is.False);
        Assert.That(outcome.Accept(new Rng(1)), Is.False);
        var info = TransitionInfo.Of(outcome, false, 2.0, 0.1, 0, 3);
        Assert.That(info.FixedPointFailed, Is.True);
    }

    [Test]
    public void NoProposalIsInvalidButNotADivergence()
    {
        var outcome = TransitionOutcome.NoProposal;
        Assert.That(outcome.Invalid, Is.True);
        Assert.That(outcome.Divergent, Is.False);
        Assert.That(outcome.Accept(new Rng(1)), Is.False);
    }

    [Test]
    public void TheDecisionDrawsOneUniformOnlyWhenThereIsAnEnergy()
    {
        var drawn = new Rng(9);
        var reference = new Rng(9);
        TransitionOutcome.FromEnergyError(double.NaN).Accept(drawn);
        TransitionOutcome.FailedSolve.Accept(drawn);
        Assert.That(drawn.NextUInt64(), Is.EqualTo(reference.NextUInt64()), "a rejection without an energy must not consume the stream");

        var outcome = TransitionOutcome.FromEnergyError(Math.Log(2));
        double u = new Rng(11).NextDouble();
        Assert.That(outcome.Accept(new Rng(11)), Is.EqualTo(u < 0.5));
    }

    [Test]
    public void AcceptanceFrequencyMatchesTheProbability()
    {
        var rng = new Rng(3);
        var outcome = TransitionOutcome.FromEnergyError(Math.Log(4));
        int accepted = 0, n = 40_000;
        for (int i = 0; i < n; i++) accepted += outcome.Accept(rng) ? 1 : 0;
        double se = Math.Sqrt(0.25 * 0.75 / n);
        Assert.That((double)accepted / n, Is.EqualTo(0.25).Within(4 * se));
    }
}
