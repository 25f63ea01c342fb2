namespace Hmc.Native.Integrators;

/// <summary>
/// Where the vectors of a Euclidean leapfrog trajectory live — position θ, momentum p, gradient g = ∇log π(θ) and the
/// inverse mass M⁻¹ — and the three updates <see cref="Leapfrog.Trajectory{TStorage}"/> composes into a trajectory.
/// The host implementation (<see cref="HostLeapfrogStorage"/>) works on a <see cref="PhasePoint"/>; the device one
/// (in Hmc.Native.Gpu) launches kernels on device buffers, so both run the same integrator.
/// </summary>
public interface ILeapfrogStorage
{
    /// <summary>The kick p ← p + <paramref name="scale"/>·g.</summary>
    void Kick(double scale);

    /// <summary>A kick and a drift in one pass: p ← p + <paramref name="kickScale"/>·g, then θ ← θ + <paramref name="stepSize"/>·M⁻¹p.</summary>
    void KickDrift(double kickScale, double stepSize);

    /// <summary>g ← ∇log π(θ) (with log π) at the current θ; false when the storage can tell that either is not finite.</summary>
    bool UpdateGradient();
}
