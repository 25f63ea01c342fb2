using Hmc.Native.Autodiff;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Integrators;

/// <summary>
/// The Riemannian Hamiltonian H(θ, p) = −log π(θ) + ½ log det G(θ) + ½ pᵀG(θ)⁻¹p + ½ D log 2π (Girolami &amp; Calderhead
/// 2011, eq. 13) with its derivatives ∂H/∂p = G⁻¹p and ∂H/∂θ = −∇log π + ½ tr(G⁻¹∂G) − ½ pᵀG⁻¹(∂G)G⁻¹p, the latter
/// from one backward pass through the recorded Hessian (nested reverse mode). The diagonal jitter is part of H and is
/// changed only between transitions, so H is a deterministic function along a trajectory.
/// </summary>
public sealed class RiemannianHamiltonian
{
    private readonly Func<Tensor<double>, Tensor<double>> _logDensity;
    private readonly Tape<double> _tape = new();
    private readonly double _constant;

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
    }

    /// <summary>The number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>The metric.</summary>
    public RiemannianMetric Metric { get; }

    /// <summary>The diagonal jitter added to G (zeros for none); set once per transition.</summary>
    public double[] Jitter { get; }

    /// <summary>An independent copy for another thread (same function and metric, its own tape).</summary>
    public RiemannianHamiltonian Fork() => new(_logDensity, Dimension, Metric);

    /// <summary>
    /// Evaluates H at (<paramref name="theta"/>, <paramref name="momentum"/>), writing G⁻¹p into
    /// <paramref name="velocity"/> and, when <paramref name="energyGradient"/> is not empty, ∂H/∂θ into it.
    /// Returns false when log π, G or a derivative is not finite or G is not positive definite there.
    /// </summary>
    /// <exception cref="LogDensityException">The log-density threw.</exception>
    public bool Evaluate(ReadOnlySpan<double> theta, ReadOnlySpan<double> momentum, Span<double> velocity, Span<double> energyGradient, out double energy, out double logDensity)
    {
        energy = double.PositiveInfinity;
        if (!Record(theta, out var x, out var lp, out logDensity)) return false;
        if (!Metric.Record(_tape, x, lp, Jitter, momentum, out var halfLogDet, out var halfQuadratic, velocity)) return false;
        var h = halfLogDet + halfQuadratic - lp;
        energy = h.Values[0] + _constant;
        if (!double.IsFinite(energy))
        {
            energy = double.PositiveInfinity;
            return false;
        }
        if (energyGradient.IsEmpty) return true;
        var g = _tape.Gradient(h, x, allowUnused: true).Values;
        g.CopyTo(energyGradient);
        foreach (double v in g) if (!double.IsFinite(v)) return false;
        return true;
    }

    /// <summary>Draws p ~ N(0, G(θ)); false when G is not usable at θ.</summary>
    /// <exception cref="LogDensityException">The log-density threw.</exception>
    public bool SampleMomentum(ReadOnlySpan<double> theta, Rng rng, Span<double> momentum)
    {
        if (!Record(theta, out var x, out var lp, out _)) return false;
        return Metric.SampleMomentum(_tape, x, lp, Jitter, rng, momentum);
    }

    private bool Record(ReadOnlySpan<double> theta, out Tensor<double> x, out Tensor<double> lp, out double logDensity)
    {
        _tape.Reset();
        x = _tape.Variable(theta);
        try
        {
            lp = _logDensity(x);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new LogDensityException(theta, ex);
        }
        if (lp.Length != 1) throw new LogDensityException(theta, new NonScalarOutputException(lp.Shape));
        if (!lp.IsOnTape) lp = _tape.Constant(lp.Values, lp.Shape);
        logDensity = lp.Values[0];
        return double.IsFinite(logDensity);
    }
}
