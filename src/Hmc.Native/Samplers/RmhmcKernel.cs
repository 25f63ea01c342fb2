using Hmc.Native.Integrators;
using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// Riemannian-manifold HMC (Girolami &amp; Calderhead 2011): p ~ N(0, G(θ)), L steps of the generalised leapfrog
/// (<see cref="GeneralizedLeapfrog"/>) or of the explicit binding integrator (<see cref="ExplicitBindingIntegrator"/>),
/// then a Metropolis test on H(θ, p). The diagonal jitter is drawn once per transition (jitter·U(0,1) per
/// coordinate), so H is deterministic along the trajectory and the sampler stays exact; when G(θ₀) is not positive
/// definite the jitter is redrawn up to <c>jitterMaxTries</c> times. An invalid point, a non-positive-definite metric
/// or a fixed-point solve that does not converge rejects the proposal (counted); the chain stays where it was.
/// </summary>
public sealed class RmhmcKernel : IHasStepSize, IHasFixedPointStatistics
{
    private readonly RiemannianHamiltonian _hamiltonian;
    private readonly IRiemannianIntegrator _integrator;
    private readonly ILogDensity _density;
    private readonly double _jitter;
    private readonly int _jitterMaxTries;
    private readonly double[] _theta, _momentum, _velocity;

    /// <summary>Creates the kernel.</summary>
    /// <param name="hamiltonian">H with its metric (owned by this kernel's thread).</param>
    /// <param name="integrator">The integrator over <paramref name="hamiltonian"/>.</param>
    /// <param name="density">The same log-density with its gradient, for the chain state.</param>
    /// <param name="stepSize">ε.</param>
    /// <param name="steps">L.</param>
    /// <param name="jitter">The jitter scale (0 for none).</param>
    /// <param name="jitterMaxTries">Redraws of the jitter when G(θ₀) is not positive definite.</param>
    public RmhmcKernel(RiemannianHamiltonian hamiltonian, IRiemannianIntegrator integrator, ILogDensity density, double stepSize, int steps, double jitter, int jitterMaxTries)
    {
        _hamiltonian = hamiltonian ?? throw new ArgumentNullException(nameof(hamiltonian));
        _integrator = integrator ?? throw new ArgumentNullException(nameof(integrator));
        _density = density ?? throw new ArgumentNullException(nameof(density));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        if (!(jitter >= 0) || !double.IsFinite(jitter)) throw new ArgumentOutOfRangeException(nameof(jitter), $"The jitter must be non-negative and finite; got {jitter}.");
        StepSize = stepSize;
        Steps = steps;
        _jitter = jitter;
        _jitterMaxTries = jitterMaxTries;
        int n = hamiltonian.Dimension;
        _theta = new double[n];
        _momentum = new double[n];
        _velocity = new double[n];
    }

    /// <inheritdoc />
    public double StepSize { get; set; }

    /// <summary>L.</summary>
    public int Steps { get; }

    /// <inheritdoc />
    public bool SolvesFixedPoints => _integrator.SolvesFixedPoints;

    /// <inheritdoc />
    public ChainState Initialize(ReadOnlySpan<double> position) => EuclideanKernel.InitialState(_density, position);

    /// <inheritdoc />
    public (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state)
    {
        var stats = new FixedPointStatistics();
        if (!_hamiltonian.StartTransition(state.Position, _jitter, _jitterMaxTries, rng, _momentum)
            || !_hamiltonian.Evaluate(state.Position, _momentum, _velocity, [], out double h0, out _))
            return (state, TransitionInfo.Of(TransitionOutcome.NoProposal, false, double.NaN, StepSize, 0, 0, stats));

        state.Position.CopyTo(_theta, 0);
        _integrator.Begin(_theta, _momentum);
        int taken = 0;
        bool valid = true;
        for (int i = 0; i < Steps && valid; i++)
        {
            valid = _integrator.Step(_theta, _momentum, StepSize, ref stats);
            taken++;
        }
        double h1 = double.NaN, logDensity = double.NaN;
        valid = valid && _hamiltonian.Evaluate(_theta, _momentum, _velocity, [], out h1, out logDensity);
        var outcome = stats.Failed ? TransitionOutcome.FailedSolve : TransitionOutcome.FromEnergies(h0, h1, valid);
        bool accepted = outcome.Accept(rng);
        var next = state;
        if (accepted)
        {
            var gradient = new double[_theta.Length];
            double lp = _density.Evaluate(_theta, gradient);
            next = new ChainState((double[])_theta.Clone(), double.IsFinite(lp) ? lp : logDensity, gradient);
        }
        return (next, TransitionInfo.Of(outcome, accepted, accepted ? h1 : h0, StepSize, 0, taken, stats));
    }
}
