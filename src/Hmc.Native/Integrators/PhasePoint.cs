using Hmc.Native.Metrics;

namespace Hmc.Native.Integrators;

/// <summary>
/// A mutable point in phase space used inside a trajectory: position θ, momentum p, the gradient of log π at θ,
/// the velocity M⁻¹p and log π(θ). Integrators update it in place; samplers copy out what they keep.
/// </summary>
public sealed class PhasePoint
{
    /// <summary>Allocates a point for <paramref name="dimension"/> parameters.</summary>
    public PhasePoint(int dimension)
    {
        Position = new double[dimension];
        Momentum = new double[dimension];
        Gradient = new double[dimension];
        Velocity = new double[dimension];
    }

    /// <summary>θ.</summary>
    public double[] Position { get; }

    /// <summary>p.</summary>
    public double[] Momentum { get; }

    /// <summary>∇log π(θ).</summary>
    public double[] Gradient { get; }

    /// <summary>M⁻¹p (for a Euclidean metric), kept in step with <see cref="Momentum"/>.</summary>
    public double[] Velocity { get; }

    /// <summary>log π(θ).</summary>
    public double LogDensity { get; set; }

    /// <summary>½ log det G(θ) for a Riemannian metric (0 for a Euclidean one).</summary>
    public double HalfLogDeterminant { get; set; }

    /// <summary>The kinetic energy ½ pᵀM⁻¹p (½ pᵀG(θ)⁻¹p for a Riemannian metric).</summary>
    public double KineticEnergy => 0.5 * TensorPrimitives.Dot<double>(Momentum, Velocity);

    /// <summary>
    /// The Hamiltonian H = −log π(θ) + ½ log det G(θ) + ½ pᵀG⁻¹p (the constant ½ D log 2π left out); NaN is mapped
    /// to +∞ (DESIGN.md principle 6).
    /// </summary>
    public double Energy
    {
        get
        {
            double h = -LogDensity + HalfLogDeterminant + KineticEnergy;
            return double.IsNaN(h) ? double.PositiveInfinity : h;
        }
    }

    /// <summary>Copies every field of <paramref name="other"/> into this point.</summary>
    public void CopyFrom(PhasePoint other)
    {
        other.Position.CopyTo(Position, 0);
        other.Momentum.CopyTo(Momentum, 0);
        other.Gradient.CopyTo(Gradient, 0);
        other.Velocity.CopyTo(Velocity, 0);
        LogDensity = other.LogDensity;
        HalfLogDeterminant = other.HalfLogDeterminant;
    }

    /// <summary>Recomputes the velocity from the momentum.</summary>
    public void UpdateVelocity(IEuclideanMetric metric) => metric.Velocity(Momentum, Velocity);
}
