using Hmc.Native.Integrators;
using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// The No-U-Turn sampler on a Riemannian metric (Betancourt 2013, "Generalizing the No-U-Turn sampler to Riemannian
/// manifolds"): p ~ N(0, G(θ)), then the trajectory of <see cref="NoUTurnTree"/> built with generalised-leapfrog
/// steps, the U-turn criterion using p♯ = G(θ)⁻¹p at the ends and ρ the sum of the momenta, and the multinomial
/// weights e^{−H} with H including ½ log det G. The jitter is drawn once per transition as in <see cref="RmhmcKernel"/>.
/// </summary>
public sealed class RiemannianNutsKernel : IProbesStepSize, IReportsAcceptStatistic, IHasFixedPointStatistics
{
    private readonly RiemannianHamiltonian _hamiltonian;
    private readonly RiemannianDynamics _dynamics;
    private readonly NoUTurnTree _tree;
    private readonly ILogDensity _density;
    private readonly PhasePoint _start, _probe;
    private readonly double _jitter;
    private readonly int _jitterMaxTries;

    /// <summary>Creates the sampler.</summary>
    public RiemannianNutsKernel(RiemannianHamiltonian hamiltonian, GeneralizedLeapfrog integrator, ILogDensity density, double stepSize, int maxTreeDepth, double jitter, int jitterMaxTries)
    {
        _hamiltonian = hamiltonian ?? throw new ArgumentNullException(nameof(hamiltonian));
        _density = density ?? throw new ArgumentNullException(nameof(density));
        _dynamics = new RiemannianDynamics(hamiltonian, integrator);
        _tree = new NoUTurnTree(_dynamics, hamiltonian.Dimension, maxTreeDepth);
        _start = new PhasePoint(hamiltonian.Dimension);
        _probe = new PhasePoint(hamiltonian.Dimension);
        _jitter = jitter;
        _jitterMaxTries = jitterMaxTries;
        StepSize = stepSize;
    }

    /// <inheritdoc />
    public double StepSize { get; set; }

    /// <inheritdoc />
    public int MaxTreeDepth => _tree.MaxTreeDepth;

    /// <inheritdoc />
    public bool SolvesFixedPoints => true;

    /// <inheritdoc />
    public ChainState Initialize(ReadOnlySpan<double> position) => EuclideanKernel.InitialState(_density, position);

    /// <inheritdoc />
    public (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state)
    {
        _dynamics.ResetStatistics();
        state.Position.CopyTo(_start.Position, 0);
        if (!_hamiltonian.StartTransition(_start.Position, _jitter, _jitterMaxTries, rng, _start.Momentum) || !RiemannianDynamics.Load(_hamiltonian, _start))
            return (state, TransitionInfo.Of(TransitionOutcome.NoProposal, false, double.NaN, StepSize, 0, 0));
        var (moved, info) = _tree.Transition(rng, _start, StepSize);
        if (!moved) return (state, info);
        var selected = _tree.Selected;
        var gradient = new double[selected.Position.Length];
        double lp = _density.Evaluate(selected.Position, gradient);
        return (new ChainState((double[])selected.Position.Clone(), double.IsFinite(lp) ? lp : selected.LogDensity, gradient), info);
    }

    /// <inheritdoc />
    public double OneStepEnergyError(Rng rng, ChainState state, double stepSize)
    {
        state.Position.CopyTo(_probe.Position, 0);
        if (!_hamiltonian.StartTransition(_probe.Position, _jitter, _jitterMaxTries, rng, _probe.Momentum) || !RiemannianDynamics.Load(_hamiltonian, _probe))
            return double.PositiveInfinity;
        double h0 = _probe.Energy;
        bool ok = _dynamics.Step(_probe, stepSize);
        _dynamics.ResetStatistics();
        return ok && double.IsFinite(_probe.Energy) ? _probe.Energy - h0 : double.PositiveInfinity;
    }
}
