namespace Hmc.Native.Integrators;

/// <summary>
/// The explicit symplectic integrator of Cobb, Baydin, Markham &amp; Roberts 2019 ("Introducing an explicit
/// symplectic integration scheme for Riemannian manifold HMC"), after Tao 2016: a copy (θ̃, p̃) of the state and the
/// augmented Hamiltonian H(θ, p̃) + H(θ̃, p) + ω·½(‖θ − θ̃‖² + ‖p − p̃‖²), integrated as
/// φ_A(ε/2) φ_B(ε/2) φ_C(ε) φ_B(ε/2) φ_A(ε/2) with
/// φ_A: p −= δ ∂H/∂θ(θ, p̃), θ̃ += δ ∂H/∂p(θ, p̃); φ_B: θ += δ ∂H/∂p(θ̃, p), p̃ −= δ ∂H/∂θ(θ̃, p);
/// φ_C: the exact flow of the binding term, which rotates (θ − θ̃, p − p̃) by the angle 2ωε and keeps the sums.
/// </summary>
/// <remarks>
/// With <see cref="Sequential"/> set, φ_C is applied as hamiltorch does: its four lines one after another, each
/// with the values the previous lines already updated. That map is not the flow of the binding term; the tests
/// show it is neither volume-preserving nor reversible, while the exact rotation is both.
/// </remarks>
public sealed class ExplicitBindingIntegrator : IRiemannianIntegrator
{
    private readonly RiemannianHamiltonian _hamiltonian;
    private readonly double[] _thetaCopy, _momentumCopy, _gradient, _velocity;
    private readonly double[] _flowATheta, _flowAMomentumCopy, _flowAGradient, _flowAVelocity;
    private bool _hasFlowA;

    /// <inheritdoc />
    public bool SolvesFixedPoints => false;

    /// <summary>Creates the integrator with binding strength <paramref name="omega"/>.</summary>
    public ExplicitBindingIntegrator(RiemannianHamiltonian hamiltonian, double omega, bool sequential = false)
    {
        _hamiltonian = hamiltonian ?? throw new ArgumentNullException(nameof(hamiltonian));
        if (!(omega > 0) || !double.IsFinite(omega)) throw new ArgumentOutOfRangeException(nameof(omega), "The binding constant must be positive and finite.");
        Omega = omega;
        Sequential = sequential;
        int n = hamiltonian.Dimension;
        _thetaCopy = new double[n];
        _momentumCopy = new double[n];
        _gradient = new double[n];
        _velocity = new double[n];
        _flowATheta = new double[n];
        _flowAMomentumCopy = new double[n];
        _flowAGradient = new double[n];
        _flowAVelocity = new double[n];
    }

    /// <summary>ω.</summary>
    public double Omega { get; }

    /// <summary>True for hamiltorch's line-by-line binding update.</summary>
    public bool Sequential { get; }

    /// <summary>The copy θ̃ (for tests of the augmented map).</summary>
    internal Span<double> ThetaCopy => _thetaCopy;

    /// <summary>The copy p̃ (for tests of the augmented map).</summary>
    internal Span<double> MomentumCopy => _momentumCopy;

    /// <inheritdoc />
    public void Begin(ReadOnlySpan<double> theta, ReadOnlySpan<double> momentum)
    {
        theta.CopyTo(_thetaCopy);
        momentum.CopyTo(_momentumCopy);
        _hasFlowA = false;
    }

    /// <inheritdoc />
    public bool Step(Span<double> theta, Span<double> momentum, double stepSize, ref FixedPointStatistics statistics)
    {
        double half = 0.5 * stepSize;
        if (!FlowA(theta, momentum, half)) return false;
        if (!FlowB(theta, momentum, half)) return false;
        if (Sequential) BindSequential(theta, momentum, stepSize);
        else Bind(theta, momentum, stepSize);
        if (!FlowB(theta, momentum, half)) return false;
        return FlowA(theta, momentum, half);
    }

    /// <summary>
    /// φ_A over time <paramref name="delta"/>. A step ends with φ_A at (θ, p̃) and the next one starts with it at the
    /// same point, so the derivatives of the last φ_A are kept and reused when neither has changed.
    /// </summary>
    private bool FlowA(Span<double> theta, Span<double> momentum, double delta)
    {
        if (!_hasFlowA || !theta.SequenceEqual(_flowATheta) || !_momentumCopy.AsSpan().SequenceEqual(_flowAMomentumCopy))
        {
            _hasFlowA = false;
            if (!_hamiltonian.Evaluate(theta, _momentumCopy, _flowAVelocity, _flowAGradient, out _, out _)) return false;
            theta.CopyTo(_flowATheta);
            _momentumCopy.CopyTo(_flowAMomentumCopy, 0);
            _hasFlowA = true;
        }
        for (int i = 0; i < theta.Length; i++)
        {
            momentum[i] -= delta * _flowAGradient[i];
            _thetaCopy[i] += delta * _flowAVelocity[i];
        }
        return true;
    }

    private bool FlowB(Span<double> theta, Span<double> momentum, double delta)
    {
        if (!_hamiltonian.Evaluate(_thetaCopy, momentum, _velocity, _gradient, out _, out _)) return false;
        for (int i = 0; i < theta.Length; i++)
        {
            theta[i] += delta * _velocity[i];
            _momentumCopy[i] -= delta * _gradient[i];
        }
        return true;
    }

    /// <summary>The exact flow of ω·½(‖θ − θ̃‖² + ‖p − p̃‖²) over time ε: a rotation of the differences by 2ωε.</summary>
    private void Bind(Span<double> theta, Span<double> momentum, double stepSize)
    {
        double c = Math.Cos(2 * Omega * stepSize), s = Math.Sin(2 * Omega * stepSize);
        for (int i = 0; i < theta.Length; i++)
        {
            double sumQ = theta[i] + _thetaCopy[i], sumP = momentum[i] + _momentumCopy[i];
            double dq = theta[i] - _thetaCopy[i], dp = momentum[i] - _momentumCopy[i];
            double rq = c * dq + s * dp, rp = -s * dq + c * dp;
            theta[i] = 0.5 * (sumQ + rq);
            momentum[i] = 0.5 * (sumP + rp);
            _thetaCopy[i] = 0.5 * (sumQ - rq);
            _momentumCopy[i] = 0.5 * (sumP - rp);
        }
    }

    /// <summary>hamiltorch's binding update: the same four lines, each using the values already updated above it.</summary>
    private void BindSequential(Span<double> theta, Span<double> momentum, double stepSize)
    {
        double c = Math.Cos(2 * Omega * stepSize), s = Math.Sin(2 * Omega * stepSize);
        for (int i = 0; i < theta.Length; i++)
        {
            theta[i] = 0.5 * (theta[i] + _thetaCopy[i] + c * (theta[i] - _thetaCopy[i]) + s * (momentum[i] - _momentumCopy[i]));
            momentum[i] = 0.5 * (momentum[i] + _momentumCopy[i] - s * (theta[i] - _thetaCopy[i]) + c * (momentum[i] - _momentumCopy[i]));
            _thetaCopy[i] = 0.5 * (theta[i] + _thetaCopy[i] - c * (theta[i] - _thetaCopy[i]) - s * (momentum[i] - _momentumCopy[i]));
            _momentumCopy[i] = 0.5 * (momentum[i] + _momentumCopy[i] + s * (theta[i] - _thetaCopy[i]) - c * (momentum[i] - _momentumCopy[i]));
        }
    }
}
