namespace Hmc.Native.Integrators;

/// <summary>
/// Generalised-leapfrog dynamics of a Riemannian Hamiltonian (Betancourt 2013, "Generalizing the No-U-Turn sampler
/// to Riemannian manifolds"): after each step the point's velocity is G(θ)⁻¹p and its energy includes ½ log det G.
/// Meant for the implicit generalised leapfrog, whose state is (θ, p) alone.
/// </summary>
public sealed class RiemannianDynamics(RiemannianHamiltonian hamiltonian, IRiemannianIntegrator integrator) : IHamiltonianDynamics
{
    private FixedPointStatistics _statistics;

    /// <inheritdoc />
    public FixedPointStatistics Statistics => _statistics;

    /// <inheritdoc />
    public void ResetStatistics() => _statistics = default;

    /// <inheritdoc />
    public bool Step(PhasePoint z, double stepSize)
    {
        if (!integrator.Step(z.Position, z.Momentum, stepSize, ref _statistics)) return false;
        return Load(hamiltonian, z);
    }

    /// <summary>Sets <paramref name="z"/>'s log-density, ½ log det G and velocity from its position and momentum.</summary>
    public static bool Load(RiemannianHamiltonian hamiltonian, PhasePoint z)
    {
        if (!hamiltonian.SetPosition(z.Position)) return false;
        z.LogDensity = hamiltonian.LogDensity;
        z.HalfLogDeterminant = hamiltonian.HalfLogDeterminant;
        hamiltonian.Velocity(z.Momentum, z.Velocity);
        return double.IsFinite(z.Energy);
    }
}
