using Hmc.Native.Autodiff;
using Hmc.Native.Metrics;
using Hmc.Native.Ops;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Integrators;

/// <summary>
/// The Riemannian Hamiltonian H(θ, p) = −log π(θ) + ½ log det G(θ) + ½ pᵀG(θ)⁻¹p + ½ D log 2π (Girolami &amp; Calderhead
/// 2011, eq. 13) with ∂H/∂p = G⁻¹p and ∂H/∂θ = −∇log π + ½ tr(G⁻¹∂G) − ½ pᵀG⁻¹(∂G)G⁻¹p.
/// </summary>
/// <remarks>
/// <see cref="SetPosition"/> records log π, its Hessian (nested reverse mode) and the metric's ½ log det G and G⁻¹
/// once for a position; at the next position it records only log π again and, when that recording matches the
/// previous one operation for operation, replays the rest of the graph at the new values (<see cref="RecordedGraph"/>)
/// instead of recording the Hessian and the metric again. The momentum-free part a(θ) = ∇(−log π + ½ log det G) is taken in one backward pass the
/// first time <see cref="EnergyGradient"/> needs it; after that each momentum costs one more backward pass (∇ of
/// ½ pᵀG⁻¹p with p fixed), which is what the implicit integrator's momentum fixed point iterates on.
/// <see cref="Evaluate"/> at a new position needs ∂H/∂θ for one momentum only, so it takes ∇H in a single backward
/// pass instead. <see cref="VelocityAt"/> needs G only, so it uses a numeric Hessian on a second tape without
/// recording second derivatives. The diagonal jitter is part of H and changes only between transitions, so H is a
/// deterministic function along a trajectory.
/// </remarks>
public sealed class RiemannianHamiltonian
{
    private readonly Func<Tensor<double>, Tensor<double>> _logDensity;
    private readonly Tape<double> _tape = new();
    private readonly Tape<double> _valuesTape = new();
    private readonly Tape<double> _probeTape = new();
    private readonly double _constant;
    private readonly double[] _position, _baseGradient, _inverse, _gradientValues, _hessianValues, _scratchInverse, _recordedJitter;
    private int _forwardNodes, _recordedNodes;
    private bool _canReplay;
    private Tensor<double> _theta, _inverseTensor, _logDensityNode, _halfLogDeterminantNode;
    private double _logDensityValue, _halfLogDeterminant;
    private bool _positionValid, _hasPosition, _hasBaseGradient;

    /// <summary>Creates the Hamiltonian of <paramref name="logDensity"/> (a function of a rank-1 tensor of length <paramref name="dimension"/>) with metric <paramref name="metric"/>.</summary>
    public RiemannianHamiltonian(Func<Tensor<double>, Tensor<double>> logDensity, int dimension, RiemannianMetric metric)
    {
        ArgumentNullException.ThrowIfNull(logDensity);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        _logDensity = logDensity;
        Metric = metric;
        Dimension = dimension;
        Jitter = new double[dimension];
        _constant = 0.5 * dimension * Math.Log(2 * Math.PI);
        int inverseLength = metric.IsDiagonal ? dimension : dimension * dimension;
        _position = new double[dimension];
        _baseGradient = new double[dimension];
        _inverse = new double[inverseLength];
        _scratchInverse = new double[inverseLength];
        _gradientValues = new double[dimension];
        _hessianValues = new double[dimension * dimension];
        _recordedJitter = new double[dimension];
    }

    /// <summary>The number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>The metric.</summary>
    public RiemannianMetric Metric { get; }

    /// <summary>The diagonal jitter added to G (zeros for none); set once per transition, before <see cref="SetPosition"/>.</summary>
    public double[] Jitter { get; }

    /// <summary>log π at the current position.</summary>
    public double LogDensity => _logDensityValue;

    /// <summary>½ log det G at the current position.</summary>
    public double HalfLogDeterminant => _halfLogDeterminant;

    /// <summary>How many positions were set by replaying the recorded geometry rather than recording it again.</summary>
    internal int ReplayedPositions { get; private set; }

    /// <summary>
    /// Makes <paramref name="theta"/> the current position: records log π, G and their derivatives. Returns false
    /// when log π or G is not finite or G is not positive definite there. Calling it again with the same position is free.
    /// </summary>
    /// <exception cref="LogDensityException">The log-density threw.</exception>
    public bool SetPosition(ReadOnlySpan<double> theta)
    {
        if (_hasPosition && theta.SequenceEqual(_position)) return _positionValid;
        theta.CopyTo(_position);
        _hasPosition = true;
        _positionValid = false;
        _hasBaseGradient = false;
        if (_canReplay && Jitter.AsSpan().SequenceEqual(_recordedJitter))
        {
            if (!Record(_probeTape, theta, out _, out _, out _logDensityValue)) return false;
            if (RecordedGraph.SameRecording(_tape, _probeTape, _forwardNodes))
            {
                RecordedGraph.Replay(_tape, _probeTape, _forwardNodes, _recordedNodes);
                ReplayedPositions++;
                return ReadGeometry();
            }
        }
        _canReplay = false;
        if (!Record(_tape, theta, out _theta, out _logDensityNode, out _logDensityValue)) return false;
        _forwardNodes = _tape.NodeCount;
        var gradient = _tape.Gradient(_logDensityNode, _theta, createGraph: true, allowUnused: true);
        var negativeHessian = Metric.NeedsHessian ? -HessianRecorder.JacobianOf(_tape, gradient, _theta) : default;
        if (!Metric.RecordGeometry(_tape, gradient, negativeHessian, Jitter, out _halfLogDeterminantNode, out _inverseTensor)) return false;
        _recordedNodes = _tape.NodeCount;
        Jitter.CopyTo(_recordedJitter, 0);
        _canReplay = RecordedGraph.CanReplay(_tape, _forwardNodes, _recordedNodes);
        return ReadGeometry();
    }

    /// <summary>Reads ½ log det G and G⁻¹ off the recorded geometry; the position is valid when both are finite.</summary>
    private bool ReadGeometry()
    {
        _halfLogDeterminant = _halfLogDeterminantNode.Values[0];
        _inverseTensor.Values.CopyTo(_inverse);
        _positionValid = double.IsFinite(_halfLogDeterminant) && AllFinite(_inverse);
        return _positionValid;
    }

    /// <summary>G⁻¹p at the current position.</summary>
    public void Velocity(ReadOnlySpan<double> momentum, Span<double> velocity) => Apply(_inverse, momentum, velocity);

    /// <summary>H(θ, p) at the current position (+∞ when not finite).</summary>
    public double Energy(ReadOnlySpan<double> momentum)
    {
        Span<double> v = Dimension <= 256 ? stackalloc double[Dimension] : new double[Dimension];
        Apply(_inverse, momentum, v);
        double h = -_logDensityValue + _halfLogDeterminant + 0.5 * TensorPrimitives.Dot(momentum, v) + _constant;
        return double.IsFinite(h) ? h : double.PositiveInfinity;
    }

    /// <summary>∂H/∂θ at the current position and momentum <paramref name="momentum"/>; false when not finite.</summary>
    public bool EnergyGradient(ReadOnlySpan<double> momentum, Span<double> gradient)
    {
        if (!_hasBaseGradient)
        {
            using (_tape.Scope())
                _tape.Gradient(_halfLogDeterminantNode - _logDensityNode, _theta, allowUnused: true).Values.CopyTo(_baseGradient);
            _hasBaseGradient = true;
        }
        using (_tape.Scope())
        {
            var b = _tape.Gradient(KineticEnergy(momentum), _theta, allowUnused: true).Values;
            TensorPrimitives.Add(_baseGradient, b, gradient);
        }
        return AllFinite(gradient);
    }

    /// <summary>∂H/∂θ at the current position in one backward pass of all of H, for a single momentum.</summary>
    private bool FullEnergyGradient(ReadOnlySpan<double> momentum, Span<double> gradient)
    {
        using (_tape.Scope())
            _tape.Gradient(_halfLogDeterminantNode - _logDensityNode + KineticEnergy(momentum), _theta, allowUnused: true).Values.CopyTo(gradient);
        return AllFinite(gradient);
    }

    /// <summary>½ pᵀG⁻¹p recorded on the tape with p constant.</summary>
    private Tensor<double> KineticEnergy(ReadOnlySpan<double> momentum)
    {
        var p = _tape.Constant(momentum, Shape.Vector(Dimension));
        return Metric.IsDiagonal
            ? 0.5 * (p * p * _inverseTensor).Sum()
            : 0.5 * p.Dot(_inverseTensor.MatMul(p));
    }

    /// <summary>G(θ)⁻¹p at another position without changing the current one (values only, no third derivatives).</summary>
    /// <exception cref="LogDensityException">The log-density threw.</exception>
    public bool VelocityAt(ReadOnlySpan<double> theta, ReadOnlySpan<double> momentum, Span<double> velocity)
    {
        if (!NumericGeometry(theta)) return false;
        if (!Metric.Inverse(_gradientValues, _hessianValues, Jitter, _scratchInverse)) return false;
        Apply(_scratchInverse, momentum, velocity);
        return AllFinite(velocity);
    }

    /// <summary>
    /// Starts a transition: draws the diagonal jitter (<paramref name="jitterScale"/>·U(0, 1) per coordinate) and
    /// p ~ N(0, G(θ)), redrawing the jitter up to <paramref name="maxTries"/> times while G(θ) is not positive
    /// definite. False when no draw gave a usable metric.
    /// </summary>
    /// <exception cref="LogDensityException">The log-density threw.</exception>
    public bool StartTransition(ReadOnlySpan<double> theta, double jitterScale, int maxTries, Rng rng, Span<double> momentum)
    {
        for (int attempt = 0; attempt <= Math.Max(0, maxTries); attempt++)
        {
            for (int i = 0; i < Jitter.Length; i++) Jitter[i] = jitterScale * rng.NextDouble();
            Invalidate();
            if (SampleMomentum(theta, rng, momentum)) return true;
            if (jitterScale == 0) return false;
        }
        return false;
    }

    /// <summary>Draws p ~ N(0, G(θ)); false when G is not usable at θ.</summary>
    /// <exception cref="LogDensityException">The log-density threw.</exception>
    public bool SampleMomentum(ReadOnlySpan<double> theta, Rng rng, Span<double> momentum) =>
        NumericGeometry(theta) && Metric.SampleMomentum(_gradientValues, _hessianValues, Jitter, rng, momentum);

    /// <summary>
    /// Sets the position and writes G⁻¹p and, when <paramref name="energyGradient"/> is not empty, ∂H/∂θ. Returns
    /// false when anything is not finite or G is not positive definite. At a position whose momentum-free gradient is
    /// not known yet, ∂H/∂θ comes from one backward pass of H; otherwise from <see cref="EnergyGradient"/>.
    /// </summary>
    public bool Evaluate(ReadOnlySpan<double> theta, ReadOnlySpan<double> momentum, Span<double> velocity, Span<double> energyGradient, out double energy, out double logDensity)
    {
        energy = double.PositiveInfinity;
        logDensity = double.NaN;
        if (!SetPosition(theta)) return false;
        logDensity = _logDensityValue;
        Velocity(momentum, velocity);
        energy = Energy(momentum);
        if (!double.IsFinite(energy)) return false;
        if (energyGradient.IsEmpty) return true;
        return _hasBaseGradient ? EnergyGradient(momentum, energyGradient) : FullEnergyGradient(momentum, energyGradient);
    }

    /// <summary>Forgets the cached position (the jitter changed).</summary>
    public void Invalidate() => _hasPosition = false;

    private bool NumericGeometry(ReadOnlySpan<double> theta)
    {
        if (!Record(_valuesTape, theta, out var x, out var lp, out _)) return false;
        var gradient = _valuesTape.Gradient(lp, x, createGraph: Metric.NeedsHessian, allowUnused: true);
        gradient.Values.CopyTo(_gradientValues);
        if (!AllFinite(_gradientValues)) return false;
        if (!Metric.NeedsHessian) return true;
        var hessian = Derivatives.JacobianOf(_valuesTape, gradient, x);
        int n = Dimension;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) _hessianValues[i * n + j] = -hessian[i, j];
        return AllFinite(_hessianValues);
    }

    private void Apply(double[] inverse, ReadOnlySpan<double> momentum, Span<double> velocity)
    {
        int n = Dimension;
        if (Metric.IsDiagonal)
        {
            TensorPrimitives.Multiply(inverse.AsSpan(0, n), momentum, velocity);
            return;
        }
        for (int i = 0; i < n; i++) velocity[i] = TensorPrimitives.Dot(inverse.AsSpan(i * n, n), momentum);
    }

    private bool Record(Tape<double> tape, ReadOnlySpan<double> theta, out Tensor<double> x, out Tensor<double> lp, out double logDensity)
    {
        tape.Reset();
        x = tape.Variable(theta);
        try
        {
            lp = _logDensity(x);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new LogDensityException(theta, ex);
        }
        if (lp.Length != 1) throw new LogDensityException(theta, new NonScalarOutputException(lp.Shape));
        if (!lp.IsOnTape) lp = tape.Constant(lp.Values, lp.Shape);
        logDensity = lp.Values[0];
        return double.IsFinite(logDensity);
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values) if (!double.IsFinite(v)) return false;
        return true;
    }
}
