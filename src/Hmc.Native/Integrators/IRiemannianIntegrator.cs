namespace Hmc.Native.Integrators;

/// <summary>A step of a Riemannian Hamiltonian trajectory, updating (θ, p) in place.</summary>
public interface IRiemannianIntegrator
{
    /// <summary>True when a step solves implicit equations by fixed-point iteration and reports them in <see cref="FixedPointStatistics"/>.</summary>
    bool SolvesFixedPoints { get; }

    /// <summary>Prepares a new trajectory starting at (θ, p) (explicit integrators copy it into their augmented state).</summary>
    void Begin(ReadOnlySpan<double> theta, ReadOnlySpan<double> momentum);

    /// <summary>Takes one step of size <paramref name="stepSize"/>; false when the step met an invalid point or a solve failed.</summary>
    bool Step(Span<double> theta, Span<double> momentum, double stepSize, ref FixedPointStatistics statistics);
}
