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

    /// <summary>CmdStan's name of this metric's family: <c>unit_e</c>, <c>diag_e</c> or <c>dense_e</c> (a block-diagonal
    /// M⁻¹ is written as the dense matrix it is).</summary>
    string CmdStanName { get; }

    /// <summary>Writes M⁻¹ as a dense row-major n×n matrix into <paramref name="matrix"/> (n² entries; meant for
    /// reporting a dense metric, not for large diagonal ones).</summary>
    /// <exception cref="ArgumentException"><paramref name="matrix"/> does not hold n² entries.</exception>
    void CopyInverseMass(Span<double> matrix);
}
