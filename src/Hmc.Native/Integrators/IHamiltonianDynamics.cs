namespace Hmc.Native.Integrators;

/// <summary>
/// One integrator step of a Hamiltonian system on a <see cref="PhasePoint"/>, keeping the point's log-density,
/// velocity ∂H/∂p and ½ log det G current so its <see cref="PhasePoint.Energy"/> is H. The No-U-Turn tree is written
/// against this, so it serves Euclidean and Riemannian metrics alike.
/// </summary>
public interface IHamiltonianDynamics
{
    /// <summary>Advances <paramref name="z"/> by one step of size <paramref name="stepSize"/> (negative: backwards); false when the step met an invalid point or a solve failed.</summary>
    bool Step(PhasePoint z, double stepSize);

    /// <summary>The fixed-point statistics gathered since the last <see cref="ResetStatistics"/> (zero for explicit integrators).</summary>
    FixedPointStatistics Statistics { get; }

    /// <summary>Starts a new transition's statistics.</summary>
    void ResetStatistics();
}
