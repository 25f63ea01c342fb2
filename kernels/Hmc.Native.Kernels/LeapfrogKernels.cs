using ILGPU;

namespace Hmc.Native.Kernels;

/// <summary>
/// The leapfrog (Störmer–Verlet) integrator of Hamilton's equations for H(θ, p) = U(θ) + ½ pᵀM⁻¹p with a diagonal
/// mass matrix M and U = −log π (Neal 2011, "MCMC using Hamiltonian dynamics", eqs. 2.28–2.30):
/// p ← p + (ε/2)·g(θ); θ ← θ + ε·M⁻¹p; p ← p + (ε/2)·g(θ), where g = ∇log π = −∇U. One thread per parameter;
/// θ, p and g stay on the device for a whole trajectory. NaN or ∞ in g or p propagate into θ and p; the sampler
/// rejects such a proposal through its energy.
/// </summary>
public static class LeapfrogKernels
{
    /// <summary>Momentum update ("kick"): p[i] += scale · g[i], with scale = ε/2 for a half step or ε for a full one.</summary>
    public static void Kick(Index1D index, ArrayView<float> momentum, ArrayView<float> gradient, float scale) =>
        momentum[index] += scale * gradient[index];

    /// <summary>Position update ("drift"): θ[i] += ε · M⁻¹[i] · p[i].</summary>
    public static void Drift(Index1D index, ArrayView<float> position, ArrayView<float> momentum, ArrayView<float> inverseMass, float stepSize) =>
        position[index] += stepSize * inverseMass[index] * momentum[index];

    /// <summary>
    /// Fused kick then drift: p[i] += kickScale · g[i]; θ[i] += ε · M⁻¹[i] · p[i] (with the updated p), in one pass
    /// over memory. A trajectory of L steps is KickDrift(ε/2), then L − 1 times [gradient; KickDrift(ε)], then
    /// [gradient; Kick(ε/2)].
    /// </summary>
    public static void KickDrift(
        Index1D index, ArrayView<float> position, ArrayView<float> momentum, ArrayView<float> gradient,
        ArrayView<float> inverseMass, float kickScale, float stepSize)
    {
        float p = momentum[index] + (kickScale * gradient[index]);
        momentum[index] = p;
        position[index] += stepSize * inverseMass[index] * p;
    }
}
