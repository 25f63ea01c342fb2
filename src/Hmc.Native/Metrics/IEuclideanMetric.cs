using Hmc.Native.Randomness;

namespace Hmc.Native.Metrics;

/// <summary>
/// A constant (Euclidean) metric: the mass matrix M of the kinetic energy K(p) = ½ pᵀM⁻¹p with momentum
/// p ~ N(0, M) (Neal 2011, "MCMC using Hamiltonian dynamics", §5.4.1). hamiltorch's <c>inv_mass</c> gives M⁻¹.
/// </summary>
public interface IEuclideanMetric
{
    /// <summary>The number of parameters.</summary>
    int Dimension { get; }

    /// <summary>Draws p ~ N(0, M).</summary>
    void SampleMomentum(Rng rng, Span<double> momentum);

    /// <summary>The velocity dθ/dt = M⁻¹p, written into <paramref name="velocity"/>.</summary>
    void Velocity(ReadOnlySpan<double> momentum, Span<double> velocity);

    /// <summary>The diagonal of M⁻¹ (reported in CmdStan CSV headers).</summary>
    double[] InverseMassDiagonal();

    /// <summary>A one-line description ("unit", "diagonal", "dense", "block-diagonal").</summary>
    string Kind { get; }
}
