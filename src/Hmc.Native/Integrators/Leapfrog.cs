using Hmc.Native.Metrics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Integrators;

/// <summary>
/// The leapfrog (Störmer–Verlet) integrator for H(θ, p) = −log π(θ) + ½ pᵀM⁻¹p (Neal 2011, eq. 2.28–2.30):
/// p ← p + ε/2 ∇log π(θ); θ ← θ + ε M⁻¹p; p ← p + ε/2 ∇log π(θ). Symplectic, time-reversible, energy error O(ε²).
/// The point carries its gradient, so one step costs one gradient evaluation. The steps are written once, in
/// <see cref="Trajectory{TStorage}"/>, over any <see cref="ILeapfrogStorage"/>: host memory or a device's.
/// </summary>
public static class Leapfrog
{
    /// <summary>
    /// Advances <paramref name="z"/> by one step of size <paramref name="stepSize"/> (negative to integrate
    /// backwards). Returns false when log π or its gradient is not finite at the new position (the trajectory is
    /// then invalid).
    /// </summary>
    /// <exception cref="LogDensityException">The log-density threw.</exception>
    public static bool Step(ILogDensity density, IEuclideanMetric metric, PhasePoint z, double stepSize) =>
        Trajectory(new HostLeapfrogStorage(density, metric, z), stepSize, 1, out _);

    /// <summary>
    /// <paramref name="steps"/> leapfrog steps of size ε on <paramref name="storage"/>, the half kicks between steps
    /// merged into whole ones: KickDrift(ε/2, ε), then steps − 1 times [g ← ∇log π(θ); KickDrift(ε, ε)], then
    /// [g ← ∇log π(θ); Kick(ε/2)] — the same map as <paramref name="steps"/> calls of <see cref="Step"/>, with one
    /// gradient per step. On entry the storage's gradient must be ∇log π at the initial θ; on exit it is at the final θ.
    /// Stops at the first gradient the storage reports as not finite.
    /// </summary>
    /// <param name="storage">Where θ, p and g live (host or device).</param>
    /// <param name="stepSize">ε (negative to integrate backwards).</param>
    /// <param name="steps">L, at least 1.</param>
    /// <param name="gradients">The gradient evaluations made (L when the trajectory is valid).</param>
    /// <returns>False when a gradient was not finite.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is not positive.</exception>
    public static bool Trajectory<TStorage>(TStorage storage, double stepSize, int steps, out int gradients) where TStorage : ILeapfrogStorage
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        storage.KickDrift(0.5 * stepSize, stepSize);
        for (gradients = 1; gradients < steps; gradients++)
        {
            if (!storage.UpdateGradient()) return false;
            storage.KickDrift(stepSize, stepSize);
        }
        if (!storage.UpdateGradient()) return false;
        storage.Kick(0.5 * stepSize);
        return true;
    }

    /// <summary>Evaluates log π and its gradient at <paramref name="z"/>'s position; false when either is not finite.</summary>
    /// <exception cref="LogDensityException">The log-density threw.</exception>
    public static bool Evaluate(ILogDensity density, PhasePoint z)
    {
        double lp;
        try
        {
            lp = density.Evaluate(z.Position, z.Gradient);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new LogDensityException(z.Position, ex);
        }
        z.LogDensity = lp;
        return double.IsFinite(lp) && TensorPrimitives.Sum<double>(z.Gradient) is var s && double.IsFinite(s);
    }
}
