namespace Hmc.Native.Integrators;

/// <summary>
/// The generalised leapfrog of Girolami &amp; Calderhead 2011 (eq. 16–18), symplectic and reversible for a
/// non-separable H:
/// p_{½} = p − (ε/2) ∂H/∂θ(θ, p_{½})  (fixed point in p);
/// θ′ = θ + (ε/2)[G⁻¹(θ) + G⁻¹(θ′)] p_{½}  (fixed point in θ);
/// p′ = p_{½} − (ε/2) ∂H/∂θ(θ′, p_{½})  (explicit).
/// Each solve iterates until max|xₖ₊₁ − xₖ| &lt; threshold (hamiltorch's <c>fixed_point_threshold</c>) or the
/// iteration limit; a solve that does not converge fails the step, so the proposal is rejected.
/// </summary>
public sealed class GeneralizedLeapfrog : IRiemannianIntegrator
{
    private readonly RiemannianHamiltonian _hamiltonian;
    private readonly double[] _next, _gradient, _velocity, _startVelocity, _p0, _theta0;

    /// <inheritdoc />
    public bool SolvesFixedPoints => true;

    /// <summary>Creates the integrator.</summary>
    public GeneralizedLeapfrog(RiemannianHamiltonian hamiltonian, double threshold, int maxIterations)
    {
        _hamiltonian = hamiltonian ?? throw new ArgumentNullException(nameof(hamiltonian));
        if (!(threshold > 0)) throw new ArgumentOutOfRangeException(nameof(threshold));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        Threshold = threshold;
        MaxIterations = maxIterations;
        int n = hamiltonian.Dimension;
        _next = new double[n];
        _gradient = new double[n];
        _velocity = new double[n];
        _startVelocity = new double[n];
        _p0 = new double[n];
        _theta0 = new double[n];
    }

    /// <summary>The convergence threshold of each solve.</summary>
    public double Threshold { get; }

    /// <summary>The iteration limit of each solve.</summary>
    public int MaxIterations { get; }

    /// <inheritdoc />
    public void Begin(ReadOnlySpan<double> theta, ReadOnlySpan<double> momentum)
    {
    }

    /// <inheritdoc />
    public bool Step(Span<double> theta, Span<double> momentum, double stepSize, ref FixedPointStatistics statistics)
    {
        double half = 0.5 * stepSize;
        int n = theta.Length;
        momentum.CopyTo(_p0);
        theta.CopyTo(_theta0);
        if (!_hamiltonian.SetPosition(_theta0)) return false;

        // p_{1/2} = p − (ε/2) ∂H/∂θ(θ, p_{1/2}), solved by fixed-point iteration from p.
        bool converged = false;
        int iterations = 0;
        double residual = double.PositiveInfinity;
        while (iterations < MaxIterations && !converged)
        {
            iterations++;
            if (!_hamiltonian.EnergyGradient(momentum, _gradient)) return false;
            residual = 0;
            for (int i = 0; i < n; i++)
            {
                double next = _p0[i] - half * _gradient[i];
                residual = Math.Max(residual, Math.Abs(next - momentum[i]));
                momentum[i] = next;
            }
            converged = residual < Threshold;
        }
        statistics.Add(iterations, residual, converged);
        if (!converged) return false;

        // θ′ = θ + (ε/2)[G⁻¹(θ) + G⁻¹(θ′)] p_{1/2}, solved by fixed-point iteration from θ.
        _hamiltonian.Velocity(momentum, _startVelocity);
        converged = false;
        iterations = 0;
        residual = double.PositiveInfinity;
        while (iterations < MaxIterations && !converged)
        {
            iterations++;
            // The first guess θ′ = θ needs no new metric: G⁻¹(θ)p_{1/2} is the velocity just computed.
            if (iterations == 1) _startVelocity.CopyTo(_velocity, 0);
            else if (!_hamiltonian.VelocityAt(theta, momentum, _velocity)) return false;
            residual = 0;
            for (int i = 0; i < n; i++)
            {
                double next = _theta0[i] + half * (_startVelocity[i] + _velocity[i]);
                residual = Math.Max(residual, Math.Abs(next - theta[i]));
                _next[i] = next;
            }
            _next.CopyTo(theta);
            converged = residual < Threshold;
        }
        statistics.Add(iterations, residual, converged);
        if (!converged) return false;

        // p′ = p_{1/2} − (ε/2) ∂H/∂θ(θ′, p_{1/2}).
        if (!_hamiltonian.SetPosition(theta) || !_hamiltonian.EnergyGradient(momentum, _gradient)) return false;
        for (int i = 0; i < n; i++) momentum[i] -= half * _gradient[i];
        return true;
    }
}
