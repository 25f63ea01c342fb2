using Hmc.Native.Kernels;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>
/// Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011, §5.3.2) with the position θ, the momentum p and the
/// gradient ∇log π(θ) kept on the device for a whole trajectory: the L leapfrog steps are
/// <see cref="GpuLeapfrog.Integrate"/> over <see cref="GpuModelPosterior.Evaluate"/>, and only three floats — the
/// two log-posterior terms and the change of kinetic energy — come back to the host for the Metropolis test.
/// The same transition as <see cref="HmcKernel"/>: p ~ N(0, M) is drawn, the proposal is accepted with probability
/// min(1, exp(H₀ − H₁)), and the accepted θ and its gradient are copied to the host once, into the new
/// <see cref="ChainState"/>. A rejected proposal copies nothing. With <see cref="MomentumSource.Host"/> the metric
/// draws p on the host and it is uploaded, so a seed gives the same momenta and uniforms as the CPU kernel; with
/// <see cref="MomentumSource.Device"/> p is drawn on the device (<see cref="GpuMomentum"/>) from one 64-bit seed taken
/// from the chain's stream, which removes the host's share of a transition on networks of many weights.
/// </summary>
/// <remarks>
/// <para>The energy error is computed as H₁ − H₀ = −(log π(θ₁) − log π(θ₀)) + ΔK with
/// ΔK = ½ Σᵢ M⁻¹ᵢ (p₁ᵢ − p₀ᵢ)(p₁ᵢ + p₀ᵢ) summed on the device: this difference has the size of the energy error,
/// whereas K itself is about d/2 (215,540 for the 431,080 weights of the MNIST CNN), whose float rounding would
/// swamp it.</para>
/// <para>Robustness as in <see cref="HmcKernel"/> (DESIGN.md principle 6): a NaN or ±∞ anywhere on the trajectory
/// propagates into p, θ and log π (the kernels keep IEEE semantics), so a non-finite log π(θ₁) or ΔK marks the
/// proposal invalid: it is rejected, reported as divergent and counted, and the chain stays where it was. Since
/// the trajectory is not inspected step by step, <see cref="TransitionInfo.LeapfrogSteps"/> is always L.</para>
/// <para>The kernel supports a unit or diagonal mass (<see cref="UnitMetric"/>, <see cref="DiagonalMetric"/>, which
/// warm-up adaptation may install); others throw <see cref="NotSupportedException"/>. It keeps the state it last
/// returned on the device and uploads a state only when handed a different one. Warm-up's step-size search
/// evaluates <see cref="EuclideanKernel.Density"/> through the host interface.</para>
/// </remarks>
public sealed class GpuHmcKernel : EuclideanKernel, IDisposable
{
    private readonly GpuModelPosterior posterior;
    private readonly GpuAccelerator gpu;
    private readonly GpuBuffer<float> initialMomentum;
    private readonly GpuBuffer<float> momentum;
    private readonly GpuBuffer<float> inverseMass;
    private readonly GpuBuffer<float> difference;
    private readonly GpuBuffer<float> sum;
    private readonly GpuBuffer<float> scalars;
    private readonly DeviceGradient evaluate;
    private readonly double[] hostMomentum;
    private readonly double[] hostVelocity;
    private readonly float[] hostVector;
    private readonly PageLockedArray1D<float> positionStaging;
    private readonly PageLockedArray1D<float> gradientStaging;
    private readonly float[] hostScalars = new float[GpuModelPosterior.TermCount + 1];
    private GpuBuffer<float> position;
    private GpuBuffer<float> gradient;
    private GpuBuffer<float> currentPosition;
    private GpuBuffer<float> currentGradient;
    private ChainState? deviceState;
    private IEuclideanMetric? uploadedMetric;

    /// <summary>Creates the kernel with <paramref name="steps"/> leapfrog steps per transition, on <paramref name="density"/>'s accelerator.</summary>
    /// <param name="density">The device log-posterior; its host interface also serves <see cref="EuclideanKernel.Initialize"/> and warm-up.</param>
    /// <param name="metric">A unit or diagonal inverse mass.</param>
    /// <param name="stepSize">ε.</param>
    /// <param name="steps">L.</param>
    /// <param name="momentumSource">Where p is drawn: on the host by the metric (the CPU kernel's stream) or on the device.</param>
    /// <exception cref="NotSupportedException">The metric is neither unit nor diagonal.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is not positive.</exception>
    public GpuHmcKernel(GpuModelLogDensity density, IEuclideanMetric metric, double stepSize, int steps, MomentumSource momentumSource)
        : base(density, metric, stepSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        RequireSupported(metric);
        Steps = steps;
        MomentumSource = momentumSource;
        posterior = density.Posterior;
        gpu = density.Accelerator;
        gpu.Accelerator.Bind();
        int d = density.Dimension;
        position = gpu.Allocate<float>(d);
        gradient = gpu.Allocate<float>(d);
        currentPosition = gpu.Allocate<float>(d);
        currentGradient = gpu.Allocate<float>(d);
        initialMomentum = gpu.Allocate<float>(d);
        momentum = gpu.Allocate<float>(d);
        inverseMass = gpu.Allocate<float>(d);
        difference = gpu.Allocate<float>(d);
        sum = gpu.Allocate<float>(d);
        scalars = gpu.Allocate<float>(GpuModelPosterior.TermCount + 1);
        var terms = scalars.View.SubView(0, GpuModelPosterior.TermCount);
        evaluate = (theta, g) => posterior.Evaluate(theta, g, terms);
        hostMomentum = new double[d];
        hostVelocity = new double[d];
        hostVector = new float[d];
        positionStaging = gpu.Accelerator.AllocatePageLocked1D<float>(d);
        gradientStaging = gpu.Accelerator.AllocatePageLocked1D<float>(d);
    }

    /// <summary>L, the leapfrog steps per transition.</summary>
    public int Steps { get; }

    /// <summary>Where the momenta are drawn.</summary>
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

        double h0 = -state.LogDensity + DrawMomentum(rng);
        var stream = gpu.Accelerator.DefaultStream;
        initialMomentum.View.CopyTo(stream, momentum.View);
        currentPosition.View.CopyTo(stream, position.View);
        currentGradient.View.CopyTo(stream, gradient.View);

        gpu.Leapfrog.Integrate(position.View, momentum.View, gradient.View, inverseMass.View, (float)StepSize, Steps, evaluate);

        // ΔK = ½ Σ M⁻¹ᵢ (p₁ᵢ − p₀ᵢ)(p₁ᵢ + p₀ᵢ), into scalars[2].
        gpu.Elementwise.Binary<SubtractOperation>(momentum.View, initialMomentum.View, difference.View);
        gpu.Elementwise.Binary<AddOperation>(momentum.View, initialMomentum.View, sum.View);
        gpu.Elementwise.Binary<MultiplyOperation>(sum.View, inverseMass.View, sum.View);
        gpu.Reductions.Dot(difference.View, sum.View, scalars.View.SubView(GpuModelPosterior.TermCount, 1));
        scalars.CopyToHost(hostScalars);

        double logDensity = posterior.LogDensity(hostScalars.AsSpan(0, GpuModelPosterior.TermCount));
        double kineticChange = 0.5 * hostScalars[GpuModelPosterior.TermCount];
        bool valid = double.IsFinite(logDensity) && double.IsFinite(kineticChange);
        var outcome = TransitionOutcome.FromEnergyError(-(logDensity - state.LogDensity) + kineticChange, valid);
        bool accepted = outcome.Accept(rng);
        var next = accepted ? Accept(logDensity) : state;
        var info = TransitionInfo.Of(outcome, accepted, accepted ? h0 + outcome.EnergyError : h0, StepSize, 0, Steps);
        return (next, info);
    }

    /// <summary>Draws p ~ N(0, M) into the initial-momentum buffer and returns K₀ = ½ pᵀM⁻¹p, the kinetic part of the reported energy.</summary>
    private double DrawMomentum(Rng rng)
    {
        if (MomentumSource == MomentumSource.Device)
        {
            gpu.Momentum.DrawGaussian(initialMomentum.View, inverseMass.View, rng.NextUInt64());
            gpu.Reductions.KineticEnergy(initialMomentum.View, inverseMass.View, scalars.View.SubView(GpuModelPosterior.TermCount, 1));
            scalars.CopyToHost(hostScalars);
            return hostScalars[GpuModelPosterior.TermCount];
        }

        Metric.SampleMomentum(rng, hostMomentum);
        Metric.Velocity(hostMomentum, hostVelocity);
        TensorPrimitives.ConvertTruncating<double, float>(hostMomentum, hostVector);
        initialMomentum.CopyFromHost(hostVector);
        return 0.5 * TensorPrimitives.Dot<double>(hostMomentum, hostVelocity);
    }

    /// <summary>Frees the kernel's device buffers (not the density's).</summary>
    public void Dispose()
    {
        gpu.Accelerator.Bind();
        position.Dispose();
        gradient.Dispose();
        currentPosition.Dispose();
        currentGradient.Dispose();
        initialMomentum.Dispose();
        momentum.Dispose();
        inverseMass.Dispose();
        difference.Dispose();
        sum.Dispose();
        scalars.Dispose();
        positionStaging.Dispose();
        gradientStaging.Dispose();
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

    /// <summary>Makes the device's current θ and gradient those of <paramref name="state"/>, uploading only when it is not the state already there.</summary>
    private void UploadState(ChainState state)
    {
        if (ReferenceEquals(state, deviceState)) return;
        TensorPrimitives.ConvertTruncating<double, float>(state.Position, hostVector);
        currentPosition.CopyFromHost(hostVector);
        TensorPrimitives.ConvertTruncating<double, float>(state.Gradient, hostVector);
        currentGradient.CopyFromHost(hostVector);
        deviceState = state;
    }

    /// <summary>
    /// Makes the proposal the current state on the device (by swapping buffers) and copies it to the host once, both
    /// vectors queued together into page-locked staging memory (the driver copies those directly, without the bounce
    /// buffer that pageable memory needs) and then widened into fresh arrays that the copy overwrites entirely.
    /// </summary>
    private ChainState Accept(double logDensity)
    {
        (position, currentPosition) = (currentPosition, position);
        (gradient, currentGradient) = (currentGradient, gradient);
        var stream = gpu.Accelerator.DefaultStream;
        currentPosition.View.CopyToPageLockedAsync(stream, positionStaging);
        currentGradient.View.CopyToPageLockedAsync(stream, gradientStaging);
        var theta = GC.AllocateUninitializedArray<double>(hostVector.Length);
        var grad = GC.AllocateUninitializedArray<double>(hostVector.Length);
        stream.Synchronize();
        TensorPrimitives.ConvertTruncating<float, double>(positionStaging.Span, theta);
        TensorPrimitives.ConvertTruncating<float, double>(gradientStaging.Span, grad);
        var state = new ChainState(theta, logDensity, grad);
        deviceState = state;
        return state;
    }
}
