using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

/// <summary>
/// The device Metropolis decision against <see cref="TransitionOutcome"/> evaluated on the host: the same energies
/// and uniform give the same acceptance probability, flags, energy and new log-density, and the conditional move
/// copies the proposal only when it was accepted.
/// </summary>
[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class MetropolisKernelTests(Device device)
{
    private static readonly LogPosteriorTerms Terms = new(-1.5, 40.25);

    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    [OneTimeSetUp]
    public void Open() => _ = Gpu;

    private MetropolisState Decide(float likelihood, float prior, float twiceKineticChange, float initialKinetic, double uniform, double logDensity)
    {
        using var scalars = Gpu.Upload<float>([likelihood, prior, twiceKineticChange, initialKinetic]);
        using var u = Gpu.Upload<double>([uniform]);
        using var state = Gpu.Upload<MetropolisState>([new MetropolisState { LogDensity = logDensity, InvalidProposals = 5 }]);
        Gpu.Metropolis.Decide(scalars.View, u.View, state.View, Terms);
        return state.ToArray()[0];
    }

    [TestCase(2.0f, 3.0f, 0.8f, 0.3)]
    [TestCase(2.0f, 3.0f, 0.8f, 0.9)]
    [TestCase(1.0f, 1.0f, -4.0f, 0.99)]
    [TestCase(700.0f, 3.0f, 0.8f, 0.0)]
    [TestCase(float.NaN, 3.0f, 0.8f, 0.1)]
    [TestCase(2.0f, 3.0f, float.PositiveInfinity, 0.1)]
    public void DecidesAsTheSharedTransitionOutcome(float likelihood, float prior, float twiceKineticChange, double uniform)
    {
        const double current = -10.5;
        const float initialKinetic = 7.25f;
        var decided = Decide(likelihood, prior, twiceKineticChange, initialKinetic, uniform, current);

        double proposal = Terms.LogDensity(likelihood, prior);
        double kineticChange = 0.5 * twiceKineticChange;
        var outcome = TransitionOutcome.FromEnergyError(-(proposal - current) + kineticChange, double.IsFinite(proposal) && double.IsFinite(kineticChange));
        bool accepted = outcome.Accepts(uniform);
        double initialEnergy = -current + initialKinetic;
        Assert.That(decided.Accepted, Is.EqualTo(accepted ? 1 : 0), "accepted");
        Assert.That(decided.AcceptProbability, Is.EqualTo(outcome.AcceptProbability).Within(1e-12), "acceptance probability");
        Assert.That(decided.Divergent, Is.EqualTo(outcome.Divergent ? 1 : 0), "divergent");
        Assert.That(decided.Invalid, Is.EqualTo(outcome.Invalid ? 1 : 0), "invalid");
        Assert.That(decided.UsedUniform, Is.EqualTo(outcome.HasEnergy ? 1 : 0), "used its uniform");
        Assert.That(decided.InvalidProposals, Is.EqualTo(outcome.Invalid ? 6 : 5), "invalid proposals counted");
        Assert.That(decided.Energy, Is.EqualTo(accepted ? initialEnergy + outcome.EnergyError : initialEnergy).Within(1e-9), "energy");
        Assert.That(decided.LogDensity, Is.EqualTo(accepted ? proposal : current), "log-density");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void TheProposalIsCopiedOnlyWhenAccepted(bool accepted)
    {
        float[] proposalPosition = [1, 2, 3], proposalGradient = [4, 5, 6], position = [7, 8, 9], gradient = [10, 11, 12];
        using var state = Gpu.Upload<MetropolisState>([new MetropolisState { Accepted = accepted ? 1 : 0 }]);
        using var p1 = Gpu.Upload<float>(proposalPosition);
        using var g1 = Gpu.Upload<float>(proposalGradient);
        using var p = Gpu.Upload<float>(position);
        using var g = Gpu.Upload<float>(gradient);
        Gpu.Metropolis.AcceptProposal(state.View, p1.View, g1.View, p.View, g.View);
        Assert.That(p.ToArray(), Is.EqualTo(accepted ? proposalPosition : position));
        Assert.That(g.ToArray(), Is.EqualTo(accepted ? proposalGradient : gradient));
    }

    [Test]
    public void TheDeviceUniformIsTheCounterGeneratorsDouble()
    {
        using var u = Gpu.Allocate<double>(1);
        Gpu.Metropolis.DrawUniform(u.View, 0xDEADBEEFUL, 431_081);
        double value = u.ToArray()[0];
        Assert.That(value, Is.EqualTo(CounterRandom.Uniform(0xDEADBEEFUL, 431_081)));
        Assert.That(value, Is.InRange(0.0, 1.0));
    }
}
