using Hmc.Native.Metrics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Integrators;

/// <summary>
/// The leapfrog (Störmer–Verlet) integrator for H(θ, p) = −log π(θ) + ½ pᵀM⁻¹p (Neal 2011, eq. 2.28–2.30):
/// p ← p + ε/2 ∇log π(θ); θ ← θ + ε M⁻¹p; p ← p + ε/2 ∇log π(θ). Symplectic, time-reversible, energy error O(ε²).
/// The point carries its gradient, so one step costs one gradient evaluation.
/// </summary>
public static class Leapfrog
{
    /// <summary>
    /// Advances <paramref name="z"/> by one step of size <paramref name="stepSize"/> (negative to integrate
    /// backwards). Returns false when log π or its gradient is not finite at the new position (the trajectory is
    /// then invalid).
    /// </summary>
    /// <exception cref="LogDensityException">The log-density threw.</exception>
    public static bool Step(ILogDensity density, IEuclideanMetric metric, PhasePoint z, double stepSize)
    {
        double half = 0.5 * stepSize;
        TensorPrimitives.MultiplyAdd<double>(z.Gradient, half, z.Momentum, z.Momentum);
        metric.Velocity(z.Momentum, z.Velocity);
        TensorPrimitives.MultiplyAdd<double>(z.Velocity, stepSize, z.Position, z.Position);
        if (!Evaluate(density, z)) return false;
        TensorPrimitives.MultiplyAdd<double>(z.Gradient, half, z.Momentum, z.Momentum);
        metric.Velocity(z.Momentum, z.Velocity);
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
