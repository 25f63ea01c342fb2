using Hmc.Native.Kernels;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>
/// Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011, §5.3.2) whose chain lives on the device: the position θ,
/// the momentum p, the gradient ∇log π(θ), the log-density and the Metropolis decision stay there for the whole run.
/// A transition is queued as kernels only — the L leapfrog steps (<see cref="GpuLeapfrog.Integrate"/> over
/// <see cref="GpuModelPosterior.Evaluate"/>), the kinetic energies, the decision (<see cref="GpuMetropolis.Decide"/>:
/// the library's <see cref="TransitionOutcome"/> computed on the device from device energies) and the conditional
/// move to the proposal (<see cref="GpuMetropolis.AcceptProposal"/>). The same transition as <see cref="HmcKernel"/>:
/// p ~ N(0, M), accepted with probability min(1, exp(H₀ − H₁)).
/// </summary>
/// <remarks>
/// <para><b>Sampling phase</b> (<see cref="IRunsSamplingPhase"/>): the host queues transition after transition and
/// receives only the kept draws, each copied (θ and the <see cref="MetropolisState"/> with its statistics) into one of
/// two page-locked staging slots behind the transition that made it, followed by a profiling marker. The host waits
/// for the previous kept draw's marker only after queuing the next draw's transitions, so the device never idles
/// while the host widens a draw to double and hands it to the sink.</para>
/// <para><b>Random numbers.</b> With <see cref="MomentumSource.Device"/> each transition takes one 64-bit seed from the
/// chain's stream; the device draws p from counters 1..d under it (<see cref="GpuMomentum"/>) and the uniform of the
/// decision from counter d + 1, so nothing depends on the host seeing a result. With <see cref="MomentumSource.Host"/>
/// the metric draws p from the chain's stream and the uniform is the stream's next double, taken only when the
/// proposal has an energy, exactly as <see cref="TransitionOutcome.Accept"/> takes it: a seed then gives the CPU
/// kernel's chain up to float rounding. That mode uploads p and reads the decision back every transition (to know
/// whether the uniform was used), so it is for reproducing CPU runs, not for speed.</para>
/// <para><b>Warm-up</b> uses <see cref="Step"/>, the same queued transition followed by a read of the decision and,
/// when accepted, of θ and the gradient (adaptation needs them on the host).</para>
/// <para>The energy error is computed as H₁ − H₀ = −(log π(θ₁) − log π(θ₀)) + ΔK with
/// ΔK = ½ Σᵢ M⁻¹ᵢ (p₁ᵢ − p₀ᵢ)(p₁ᵢ + p₀ᵢ) summed on the device: this difference has the size of the energy error,
/// whereas K itself is about d/2 (215,540 for the 431,080 weights of the MNIST CNN), whose float rounding would
/// swamp it. log π is combined from its float terms in double (<see cref="LogPosteriorTerms"/>).</para>
/// <para>Robustness as in <see cref="HmcKernel"/> (DESIGN.md principle 6): a NaN or ±∞ on the trajectory propagates
/// into p, θ and log π (the kernels keep IEEE semantics), so a non-finite log π(θ₁) or ΔK marks the proposal
/// invalid: it is rejected, reported as divergent and counted, and the chain stays where it was.
/// <see cref="TransitionInfo.LeapfrogSteps"/> is always L.</para>
/// <para>The kernel supports a unit or diagonal mass (<see cref="UnitMetric"/>, <see cref="DiagonalMetric"/>, which
/// warm-up adaptation may install); others throw <see cref="NotSupportedException"/>. It keeps the state it last
/// returned on the device and uploads a state only when handed a different one.</para>
/// </remarks>
public sealed class GpuHmcKernel : EuclideanKernel, IRunsSamplingPhase, IDisposable
{
    private const int StagingSlots = 2;

    private readonly GpuModelPosterior posterior;
    private readonly GpuAccelerator gpu;
    private readonly GpuBuffer<float> position;
    private readonly GpuBuffer<float> gradient;
    private readonly GpuBuffer<float> proposalPosition;
    private readonly GpuBuffer<float> proposalGradient;
    private readonly GpuBuffer<float> initialMomentum;
    private readonly GpuBuffer<float> momentum;
    private readonly GpuBuffer<float> inverseMass;
    private readonly GpuBuffer<float> difference;
    private readonly GpuBuffer<float> sum;
    private readonly GpuBuffer<float> scalars;
    private readonly GpuBuffer<double> uniform;
    private readonly GpuBuffer<MetropolisState> chain;
    private readonly DeviceGradient evaluate;
    private readonly double[] hostMomentum;
    private readonly float[] hostVector;
    private readonly double[] hostUniform = new double[1];
    private readonly MetropolisState[] hostChain = new MetropolisState[1];
    private readonly PageLockedArray1D<float>[] positionStaging = new PageLockedArray1D<float>[StagingSlots];
    private readonly PageLockedArray1D<MetropolisState>[] chainStaging = new PageLockedArray1D<MetropolisState>[StagingSlots];
    private readonly PageLockedArray1D<float> gradientStaging;
    private ChainState? deviceState;
    private IEuclideanMetric? uploadedMetric;

    /// <summary>Creates the kernel with <paramref name="steps"/> leapfrog steps per transition, on <paramref name="density"/>'s accelerator.</summary>
    /// <param name="density">The device log-posterior; its host interface also serves <see cref="EuclideanKernel.Initialize"/> and warm-up.</param>
    /// <param name="metric">A unit or diagonal inverse mass.</param>
    /// <param name="stepSize">ε.</param>
    /// <param name="steps">L.</param>
    /// <param name="momentumSource">Where p and the Metropolis uniform are drawn: from the chain's stream on the host (the CPU kernel's chain) or on the device.</param>
    /// <exception cref="NotSupportedException">The metric is neither unit nor diagonal, or an OpenCL device has no double precision.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is not positive.</exception>
    public GpuHmcKernel(GpuModelLogDensity density, IEuclideanMetric metric, double stepSize, int steps, MomentumSource momentumSource)
        : base(density, metric, stepSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        RequireSupported(metric);
        if (density.Accelerator.Accelerator is ILGPU.Runtime.OpenCL.CLAccelerator { Capabilities.Float64: false })
        {
            throw new NotSupportedException(
                $"The device HMC kernel decides each transition in double precision; the OpenCL device '{density.Accelerator.Info.Name}' has no cl_khr_fp64. Use Device.Cuda or Device.Cpu.");
        }

        Steps = steps;
        MomentumSource = momentumSource;
        posterior = density.Posterior;
        gpu = density.Accelerator;
        gpu.Accelerator.Bind();
        int d = density.Dimension;
        position = gpu.Allocate<float>(d);
        gradient = gpu.Allocate<float>(d);
        proposalPosition = gpu.Allocate<float>(d);
        proposalGradient = gpu.Allocate<float>(d);
        initialMomentum = gpu.Allocate<float>(d);
        momentum = gpu.Allocate<float>(d);
        inverseMass = gpu.Allocate<float>(d);
        difference = gpu.Allocate<float>(d);
        sum = gpu.Allocate<float>(d);
        scalars = gpu.Allocate<float>(MetropolisKernels.ScalarCount);
        uniform = gpu.Allocate<double>(1);
        chain = gpu.Allocate<MetropolisState>(1);
        var terms = scalars.View.SubView(MetropolisKernels.LikelihoodTerm, GpuModelPosterior.TermCount);
        evaluate = (theta, g) => posterior.Evaluate(theta, g, terms);
        hostMomentum = new double[d];
        hostVector = new float[d];
        for (int slot = 0; slot < StagingSlots; slot++)
        {
            positionStaging[slot] = gpu.Accelerator.AllocatePageLocked1D<float>(d);
            chainStaging[slot] = gpu.Accelerator.AllocatePageLocked1D<MetropolisState>(1);
        }

        gradientStaging = gpu.Accelerator.AllocatePageLocked1D<float>(d);
    }

    /// <summary>L, the leapfrog steps per transition.</summary>
    public int Steps { get; }

    /// <summary>Where the momenta and the Metropolis uniforms are drawn.</summary>
    public MomentumSource MomentumSource { get; }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The metric (possibly replaced by adaptation) is neither unit nor diagonal.</exception>
    public override (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(state);
        gpu.Accelerator.Bind();
        UploadMetric();
        UploadState(state);
        QueueTransition(rng);
        chain.CopyToHost(hostChain);
        var decided = hostChain[0];
        ConsumeUniform(rng, decided);
        var info = Info(decided);
        if (!info.Accepted) return (state, info);

        var stream = gpu.Accelerator.DefaultStream;
        position.View.CopyToPageLockedAsync(stream, positionStaging[0]);
        gradient.View.CopyToPageLockedAsync(stream, gradientStaging);
        stream.Synchronize();
        var next = new ChainState(Widen(positionStaging[0]), decided.LogDensity, Widen(gradientStaging));
        deviceState = next;
        return (next, info);
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The metric is neither unit nor diagonal.</exception>
    public SamplingPhaseTotals RunSamplingPhase(Rng rng, ChainState state, int transitions, int thin, KeptDraw keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(keep);
        ArgumentOutOfRangeException.ThrowIfNegative(transitions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thin);
        gpu.Accelerator.Bind();
        UploadMetric();
        UploadState(state);
        chain.CopyToHost(hostChain);
        int invalidBefore = hostChain[0].InvalidProposals;
        var stream = gpu.Accelerator.DefaultStream;
        var markers = new ProfilingMarker?[StagingSlots];
        int kept = 0, run = 0;
        try
        {
            for (; run < transitions && !cancellationToken.IsCancellationRequested; run++)
            {
                QueueTransition(rng);
                if (MomentumSource == MomentumSource.Host)
                {
                    chain.CopyToHost(hostChain);
                    ConsumeUniform(rng, hostChain[0]);
                }

                if ((run + 1) % thin != 0) continue;
                int slot = kept % StagingSlots;
                position.View.CopyToPageLockedAsync(stream, positionStaging[slot]);
                chain.View.CopyToPageLockedAsync(stream, chainStaging[slot]);
                markers[slot] = stream.AddProfilingMarker();
                if (kept > 0) HandOver(markers, (kept - 1) % StagingSlots, keep);
                kept++;
            }

            if (kept > 0) HandOver(markers, (kept - 1) % StagingSlots, keep);
        }
        finally
        {
            foreach (var marker in markers) marker?.Dispose();
        }

        chain.CopyToHost(hostChain);
        deviceState = null;
        return new SamplingPhaseTotals(run, (long)run * Steps, hostChain[0].InvalidProposals - invalidBefore);
    }

    /// <summary>Frees the kernel's device and page-locked buffers (not the density's).</summary>
    public void Dispose()
    {
        gpu.Accelerator.Bind();
        position.Dispose();
        gradient.Dispose();
        proposalPosition.Dispose();
        proposalGradient.Dispose();
        initialMomentum.Dispose();
        momentum.Dispose();
        inverseMass.Dispose();
        difference.Dispose();
        sum.Dispose();
        scalars.Dispose();
        uniform.Dispose();
        chain.Dispose();
        for (int slot = 0; slot < StagingSlots; slot++)
        {
            positionStaging[slot].Dispose();
            chainStaging[slot].Dispose();
        }

        gradientStaging.Dispose();
    }

    /// <summary>
    /// Queues one transition from the device's current (θ, g, log π): p and the uniform, the trajectory from a copy
    /// of (θ, g), K₀ and ΔK, the decision, and the move to the proposal when accepted.
    /// </summary>
    private void QueueTransition(Rng rng)
    {
        DrawMomentumAndUniform(rng);
        var stream = gpu.Accelerator.DefaultStream;
        var kinetic = scalars.View;
        gpu.Reductions.KineticEnergy(initialMomentum.View, inverseMass.View, kinetic.SubView(MetropolisKernels.InitialKineticTerm, 1));
        initialMomentum.View.CopyTo(stream, momentum.View);
        position.View.CopyTo(stream, proposalPosition.View);
        gradient.View.CopyTo(stream, proposalGradient.View);

        gpu.Leapfrog.Integrate(proposalPosition.View, momentum.View, proposalGradient.View, inverseMass.View, (float)StepSize, Steps, evaluate);

        // 2ΔK = Σ M⁻¹ᵢ (p₁ᵢ − p₀ᵢ)(p₁ᵢ + p₀ᵢ).
        gpu.Elementwise.Binary<SubtractOperation>(momentum.View, initialMomentum.View, difference.View);
        gpu.Elementwise.Binary<AddOperation>(momentum.View, initialMomentum.View, sum.View);
        gpu.Elementwise.Binary<MultiplyOperation>(sum.View, inverseMass.View, sum.View);
        gpu.Reductions.Dot(difference.View, sum.View, kinetic.SubView(MetropolisKernels.KineticChangeTerm, 1));

        gpu.Metropolis.Decide(scalars.View, uniform.View, chain.View, posterior.Terms);
        gpu.Metropolis.AcceptProposal(chain.View, proposalPosition.View, proposalGradient.View, position.View, gradient.View);
    }

    /// <summary>
    /// Draws p ~ N(0, M) into the initial-momentum buffer and the decision's uniform into <see cref="uniform"/>: on the
    /// device from one seed of the chain's stream, or on the host from the stream itself, where the uniform is looked
    /// at through a clone (<see cref="ConsumeUniform"/> takes it from the stream once the decision has used it).
    /// </summary>
    private void DrawMomentumAndUniform(Rng rng)
    {
        if (MomentumSource == MomentumSource.Device)
        {
            ulong seed = rng.NextUInt64();
            gpu.Momentum.DrawGaussian(initialMomentum.View, inverseMass.View, seed);
            gpu.Metropolis.DrawUniform(uniform.View, seed, hostVector.Length + 1L);
            return;
        }

        Metric.SampleMomentum(rng, hostMomentum);
        TensorPrimitives.ConvertTruncating<double, float>(hostMomentum, hostVector);
        initialMomentum.CopyFromHost(hostVector);
        hostUniform[0] = rng.Clone().NextDouble();
        uniform.CopyFromHost(hostUniform);
    }

    /// <summary>With host-drawn uniforms, takes the looked-at uniform from the stream when the decision used it.</summary>
    private void ConsumeUniform(Rng rng, in MetropolisState decided)
    {
        if (MomentumSource == MomentumSource.Host && decided.UsedUniform != 0) rng.NextDouble();
    }

    /// <summary>Waits for the kept draw in <paramref name="slot"/> and hands it to <paramref name="keep"/>.</summary>
    private void HandOver(ProfilingMarker?[] markers, int slot, KeptDraw keep)
    {
        markers[slot]!.Synchronize();
        markers[slot]!.Dispose();
        markers[slot] = null;
        var decided = chainStaging[slot].Span[0];
        keep(Info(decided), decided.LogDensity, Widen(positionStaging[slot]));
    }

    private TransitionInfo Info(in MetropolisState decided) =>
        new(decided.AcceptProbability, decided.Accepted != 0, decided.Divergent != 0, decided.Invalid != 0, decided.Energy, StepSize, 0, Steps);

    private static double[] Widen(PageLockedArray1D<float> staging)
    {
        var values = GC.AllocateUninitializedArray<double>((int)staging.Length);
        TensorPrimitives.ConvertTruncating<float, double>(staging.Span, values);
        return values;
    }

    private static void RequireSupported(IEuclideanMetric metric)
    {
        if (metric is not (UnitMetric or DiagonalMetric))
        {
            throw new NotSupportedException(
                $"The device HMC kernel supports a unit or diagonal mass matrix; got a {metric.Kind} one. Use Device.Cpu or a diagonal InverseMass / AdaptMass.");
        }
    }

    /// <summary>Uploads the diagonal of M⁻¹ when the metric has changed (at the start, or after mass adaptation).</summary>
    private void UploadMetric()
    {
        if (ReferenceEquals(Metric, uploadedMetric)) return;
        RequireSupported(Metric);
        TensorPrimitives.ConvertTruncating<double, float>(Metric.InverseMassDiagonal(), hostVector);
        inverseMass.CopyFromHost(hostVector);
        uploadedMetric = Metric;
    }

    /// <summary>Makes the device's current θ, gradient and log π those of <paramref name="state"/>, uploading only when it is not the state already there.</summary>
    private void UploadState(ChainState state)
    {
        if (ReferenceEquals(state, deviceState)) return;
        TensorPrimitives.ConvertTruncating<double, float>(state.Position, hostVector);
        position.CopyFromHost(hostVector);
        TensorPrimitives.ConvertTruncating<double, float>(state.Gradient, hostVector);
        gradient.CopyFromHost(hostVector);
        hostChain[0] = new MetropolisState { LogDensity = state.LogDensity };
        chain.CopyFromHost(hostChain);
        deviceState = state;
    }
}
