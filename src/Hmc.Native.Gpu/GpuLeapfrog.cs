using Hmc.Native.Integrators;
using Hmc.Native.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>
/// Launchers of <see cref="LeapfrogKernels"/>: the HMC leapfrog on device-resident position θ, momentum p and
/// gradient g = ∇log π(θ), with a diagonal inverse mass M⁻¹ (a vector of ones for the identity metric).
/// </summary>
public sealed class GpuLeapfrog
{
    private readonly GpuAccelerator gpu;

    internal GpuLeapfrog(GpuAccelerator gpu) => this.gpu = gpu;

    /// <summary>p += scale · g.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void Kick(ArrayView<float> momentum, ArrayView<float> gradient, float scale)
    {
        GpuArguments.RequireLength(gradient, momentum.Length, "leapfrog kick", nameof(gradient));
        if (momentum.Length == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(LeapfrogKernels), nameof(LeapfrogKernels.Kick)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, float>(LeapfrogKernels.Kick));
        kernel((int)momentum.Length, momentum, gradient, scale);
    }

    /// <summary>θ += ε · M⁻¹ ⊙ p.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void Drift(ArrayView<float> position, ArrayView<float> momentum, ArrayView<float> inverseMass, float stepSize)
    {
        GpuArguments.RequireLength(momentum, position.Length, "leapfrog drift", nameof(momentum));
        GpuArguments.RequireLength(inverseMass, position.Length, "leapfrog drift", nameof(inverseMass));
        if (position.Length == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(LeapfrogKernels), nameof(LeapfrogKernels.Drift)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, float>(LeapfrogKernels.Drift));
        kernel((int)position.Length, position, momentum, inverseMass, stepSize);
    }

    /// <summary>Fused p += kickScale · g; θ += ε · M⁻¹ ⊙ p, one pass over memory.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void KickDrift(
        ArrayView<float> position, ArrayView<float> momentum, ArrayView<float> gradient, ArrayView<float> inverseMass,
        float kickScale, float stepSize)
    {
        GpuArguments.RequireLength(momentum, position.Length, "leapfrog kick-drift", nameof(momentum));
        GpuArguments.RequireLength(gradient, position.Length, "leapfrog kick-drift", nameof(gradient));
        GpuArguments.RequireLength(inverseMass, position.Length, "leapfrog kick-drift", nameof(inverseMass));
        if (position.Length == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(LeapfrogKernels), nameof(LeapfrogKernels.KickDrift)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, float, float>(
                LeapfrogKernels.KickDrift));
        kernel((int)position.Length, position, momentum, gradient, inverseMass, kickScale, stepSize);
    }

    /// <summary>
    /// A whole trajectory of <paramref name="steps"/> leapfrog steps of size ε without copying θ to the host: the
    /// library's one leapfrog (<see cref="Leapfrog.Trajectory{TStorage}"/>) over device storage,
    /// KickDrift(ε/2, ε), then steps − 1 times [g ← ∇log π(θ); KickDrift(ε, ε)], then [g ← ∇log π(θ); Kick(ε/2)].
    /// On entry <paramref name="gradient"/> must hold ∇log π at the initial θ; on exit it holds it at the final θ, so
    /// the next trajectory (or the acceptance test) needs no extra gradient. Costs <paramref name="steps"/> gradient
    /// evaluations. A non-finite value is not looked for on the way: it propagates into θ, p and log π, where the
    /// acceptance test sees it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void Integrate(
        ArrayView<float> position, ArrayView<float> momentum, ArrayView<float> gradient, ArrayView<float> inverseMass,
        float stepSize, int steps, DeviceGradient computeGradient)
    {
        ArgumentNullException.ThrowIfNull(computeGradient);
        Leapfrog.Trajectory(new Storage(this, position, momentum, gradient, inverseMass, computeGradient), stepSize, steps, out _);
    }

    /// <summary>The leapfrog's vectors in device buffers, updated by this launcher's kernels.</summary>
    private readonly struct Storage(
        GpuLeapfrog leapfrog, ArrayView<float> position, ArrayView<float> momentum, ArrayView<float> gradient, ArrayView<float> inverseMass,
        DeviceGradient computeGradient) : ILeapfrogStorage
    {
        public void Kick(double scale) => leapfrog.Kick(momentum, gradient, (float)scale);

        public void KickDrift(double kickScale, double stepSize) =>
            leapfrog.KickDrift(position, momentum, gradient, inverseMass, (float)kickScale, (float)stepSize);

        public bool UpdateGradient()
        {
            computeGradient(position, gradient);
            return true;
        }
    }
}
