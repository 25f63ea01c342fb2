using Hmc.Native.Bayes;
using Hmc.Native.Gpu;
using Hmc.Native.Metrics;
using Hmc.Native.Nn;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

/// <summary>
/// The device-resident HMC kernel against <see cref="HmcKernel"/> on <see cref="ModelLogDensity{T}"/> (T = float):
/// from the same state with the same random stream (so the same momenta, drawn on the host by the metric, and the
/// same uniforms) both make the same accept decisions and reach the same positions to float tolerance. The sampling
/// phase, which keeps the chain on the device, hands over exactly the thinned draws of the same transitions run one
/// <see cref="GpuHmcKernel.Step"/> at a time.
/// </summary>
[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class GpuHmcKernelTests(Device device)
{
    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    [OneTimeSetUp]
    public void Open() => _ = Gpu;

    private static (Module<float> Model, Tensor<float> X, Tensor<float> Y) Problem() =>
        (BayesianNetworks.SmallCnn(), BayesianNetworks.Images(4, 401), BayesianNetworks.Labels(4, 3, 402));

    private static void AssertSamePosition(double[] expected, double[] actual, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.That(actual[i], Is.EqualTo(expected[i]).Within(1e-4 * (1 + Math.Abs(expected[i]))), $"{what}[{i}]");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void MakesTheSameDecisionsAsTheCpuKernel(bool diagonalMass)
    {
        var (model, x, y) = Problem();
        var cpuDensity = ModelSampling.Posterior(model, x, y);
        using var gpuDensity = new GpuModelLogDensity(Gpu, model, x, y);
        IEuclideanMetric metric = diagonalMass
            ? new DiagonalMetric(Enumerable.Range(0, model.ParameterCount).Select(i => 0.5 + ((i % 5) * 0.25)).ToArray())
            : new UnitMetric(model.ParameterCount);
        const double stepSize = 0.35;
        const int steps = 4;
        var cpu = new HmcKernel(cpuDensity, metric, stepSize, steps);
        using var gpu = new GpuHmcKernel(gpuDensity, metric, stepSize, steps, MomentumSource.Host);
        var init = BayesianNetworks.Initial(model, 9);
        var cpuState = cpu.Initialize(init);
        var gpuState = gpu.Initialize(init);
        Assert.That(gpuState.LogDensity, Is.EqualTo(cpuState.LogDensity).Within(1e-4));
        var cpuRng = new Rng(77);
        var gpuRng = new Rng(77);
        int accepted = 0, rejected = 0;
        for (int t = 0; t < 8; t++)
        {
            (cpuState, var cpuInfo) = cpu.Step(cpuRng, cpuState);
            (gpuState, var gpuInfo) = gpu.Step(gpuRng, gpuState);
            Assert.That(gpuInfo.Accepted, Is.EqualTo(cpuInfo.Accepted), $"transition {t}: accept decision");
            Assert.That(gpuInfo.Invalid, Is.False, $"transition {t}");
            Assert.That(gpuInfo.AcceptProbability, Is.EqualTo(cpuInfo.AcceptProbability).Within(5e-4), $"transition {t}: acceptance probability");
            Assert.That(gpuInfo.Energy, Is.EqualTo(cpuInfo.Energy).Within(1e-3 * (1 + Math.Abs(cpuInfo.Energy))), $"transition {t}: energy");
            Assert.That(gpuInfo.LeapfrogSteps, Is.EqualTo(steps));
            Assert.That(gpuState.LogDensity, Is.EqualTo(cpuState.LogDensity).Within(1e-4 * (1 + Math.Abs(cpuState.LogDensity))), $"transition {t}: log-density");
            AssertSamePosition(cpuState.Position, gpuState.Position, $"transition {t}: position");
            AssertSamePosition(cpuState.Gradient, gpuState.Gradient, $"transition {t}: gradient");
            if (gpuInfo.Accepted) accepted++;
            else rejected++;
        }

        Assert.That(accepted, Is.GreaterThan(0), "some proposals are accepted");
        Assert.That(rejected, Is.GreaterThan(0), "some proposals are rejected");
    }

    [Test]
    public void AStateFromElsewhereIsUploadedAndContinuedFrom()
    {
        var (model, x, y) = Problem();
        var cpuDensity = ModelSampling.Posterior(model, x, y);
        using var gpuDensity = new GpuModelLogDensity(Gpu, model, x, y);
        var metric = new UnitMetric(model.ParameterCount);
        var cpu = new HmcKernel(cpuDensity, metric, 0.05, 3);
        using var gpu = new GpuHmcKernel(gpuDensity, metric, 0.05, 3, MomentumSource.Host);
        var first = cpu.Initialize(BayesianNetworks.Initial(model, 10));
        var second = cpu.Initialize(BayesianNetworks.Initial(model, 11));
        foreach (var state in new[] { first, second, first })
        {
            var (cpuNext, cpuInfo) = cpu.Step(new Rng(5), state);
            var (gpuNext, gpuInfo) = gpu.Step(new Rng(5), state);
            Assert.That(gpuInfo.Accepted, Is.EqualTo(cpuInfo.Accepted));
            AssertSamePosition(cpuNext.Position, gpuNext.Position, "position");
        }
    }

    [Test]
    public void ANonFiniteTrajectoryIsRejectedAsInvalid()
    {
        var (model, x, y) = Problem();
        using var gpuDensity = new GpuModelLogDensity(Gpu, model, x, y);
        using var gpu = new GpuHmcKernel(gpuDensity, new UnitMetric(model.ParameterCount), 1e30, 2, MomentumSource.Host);
        var state = gpu.Initialize(BayesianNetworks.Initial(model, 12));
        var (next, info) = gpu.Step(new Rng(3), state);
        Assert.That(info.Invalid, Is.True);
        Assert.That(info.Divergent, Is.True);
        Assert.That(info.Accepted, Is.False);
        Assert.That(info.AcceptProbability, Is.Zero);
        Assert.That(next, Is.SameAs(state));

        // The chain goes on from the kept state with a sane step size.
        gpu.StepSize = 1e-3;
        var (after, afterInfo) = gpu.Step(new Rng(4), next);
        Assert.That(afterInfo.Invalid, Is.False);
        Assert.That(afterInfo.Accepted, Is.True);
        Assert.That(double.IsFinite(after.LogDensity), Is.True);
    }

    [TestCase(MomentumSource.Host)]
    [TestCase(MomentumSource.Device)]
    public void TheSamplingPhaseHandsOverExactlyTheThinnedDrawsOfItsTransitions(MomentumSource source)
    {
        var (model, x, y) = Problem();
        using var gpuDensity = new GpuModelLogDensity(Gpu, model, x, y);
        var metric = new UnitMetric(model.ParameterCount);
        const int steps = 3, transitions = 9, thin = 3;
        using var stepping = new GpuHmcKernel(gpuDensity, metric, 0.3, steps, source);
        using var phase = new GpuHmcKernel(gpuDensity, metric, 0.3, steps, source);
        var init = stepping.Initialize(BayesianNetworks.Initial(model, 13));

        var stepRng = new Rng(21);
        var state = init;
        var expected = new List<(TransitionInfo Info, ChainState State)>();
        for (int t = 1; t <= transitions; t++)
        {
            (state, var info) = stepping.Step(stepRng, state);
            if (t % thin == 0) expected.Add((info, state));
        }

        var phaseRng = new Rng(21);
        var kept = new List<(TransitionInfo Info, double LogDensity, double[] Position)>();
        var totals = phase.RunSamplingPhase(phaseRng, init, transitions, thin, (in TransitionInfo info, double logDensity, double[] position) => kept.Add((info, logDensity, position)), default);

        Assert.That(totals, Is.EqualTo(new SamplingPhaseTotals(transitions, transitions * steps, 0)));
        Assert.That(kept, Has.Count.EqualTo(transitions / thin));
        for (int k = 0; k < kept.Count; k++)
        {
            Assert.That(kept[k].Info, Is.EqualTo(expected[k].Info), $"draw {k}: report");
            Assert.That(kept[k].LogDensity, Is.EqualTo(expected[k].State.LogDensity), $"draw {k}: log-density");
            Assert.That(kept[k].Position, Is.EqualTo(expected[k].State.Position), $"draw {k}: position");
        }

        Assert.That(expected.Count(e => e.Info.Accepted), Is.GreaterThan(0), "some kept draws moved");
        Assert.That(phaseRng.NextUInt64(), Is.EqualTo(stepRng.NextUInt64()), "both consumed the chain's stream alike");
    }

    [Test]
    public void InvalidProposalsOfTheSamplingPhaseAreCountedAndUseNoUniform()
    {
        var (model, x, y) = Problem();
        var cpuDensity = ModelSampling.Posterior(model, x, y);
        using var gpuDensity = new GpuModelLogDensity(Gpu, model, x, y);
        var metric = new UnitMetric(model.ParameterCount);
        var cpu = new HmcKernel(cpuDensity, metric, 1e30, 2);
        using var gpu = new GpuHmcKernel(gpuDensity, metric, 1e30, 2, MomentumSource.Host);
        var init = gpu.Initialize(BayesianNetworks.Initial(model, 14));
        var cpuRng = new Rng(8);
        var cpuState = cpu.Initialize(BayesianNetworks.Initial(model, 14));
        for (int t = 0; t < 4; t++)
        {
            (cpuState, var info) = cpu.Step(cpuRng, cpuState);
            Assert.That(info.Invalid, Is.True, "the CPU chain's proposals are invalid too");
        }

        var gpuRng = new Rng(8);
        var kept = new List<(TransitionInfo Info, double[] Position)>();
        var totals = gpu.RunSamplingPhase(gpuRng, init, 4, 2, (in TransitionInfo info, double _, double[] position) => kept.Add((info, position)), default);
        Assert.That(totals.InvalidProposals, Is.EqualTo(4));
        Assert.That(kept.Select(k => k.Info.Invalid && k.Info.Divergent && !k.Info.Accepted), Is.EqualTo(new[] { true, true }));
        AssertSamePosition(init.Position, kept[^1].Position, "the chain stays where it was");
        Assert.That(gpuRng.NextUInt64(), Is.EqualTo(cpuRng.NextUInt64()), "no uniform was drawn for an invalid proposal, as on the CPU");
    }

    [Test]
    public void ACancelledSamplingPhaseRunsNothing()
    {
        var (model, x, y) = Problem();
        using var gpuDensity = new GpuModelLogDensity(Gpu, model, x, y);
        using var gpu = new GpuHmcKernel(gpuDensity, new UnitMetric(model.ParameterCount), 0.1, 2, MomentumSource.Device);
        var init = gpu.Initialize(BayesianNetworks.Initial(model, 15));
        int kept = 0;
        var totals = gpu.RunSamplingPhase(new Rng(1), init, 6, 1, (in TransitionInfo _, double _, double[] _) => kept++, new CancellationToken(canceled: true));
        Assert.That(totals, Is.EqualTo(new SamplingPhaseTotals(0, 0, 0)));
        Assert.That(kept, Is.Zero);
    }

    [Test]
    public void ADenseMassIsNotSupported()
    {
        var (model, x, y) = Problem();
        using var gpuDensity = new GpuModelLogDensity(Gpu, model, x, y);
        int d = model.ParameterCount;
        var identity = new double[d * d];
        for (int i = 0; i < d; i++) identity[(i * d) + i] = 1;
        var error = Assert.Throws<NotSupportedException>(() => new GpuHmcKernel(gpuDensity, new DenseMetric(identity, d), 0.1, 1, MomentumSource.Host));
        Assert.That(error!.Message, Does.Contain("dense"));
    }
}
