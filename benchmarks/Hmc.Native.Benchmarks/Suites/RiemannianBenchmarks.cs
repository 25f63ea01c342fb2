using BenchmarkDotNet.Attributes;
using Hmc.Native.Cli.Targets;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;

namespace Hmc.Native.Benchmarks.Suites;

/// <summary>
/// The pieces of Riemannian HMC on the 11-D funnel with the SoftAbs metric (α 10⁶, jitter 0.005): the geometry of
/// a new position, replayed or recorded afresh, ∂H/∂θ for a further momentum at a recorded one, G⁻¹p at another
/// point (the implicit integrator's position fixed point), ∂H at a new point in one backward pass (what the explicit
/// integrator needs), and one explicit step with hamiltorch's binding.
/// </summary>
[MemoryDiagnoser]
public class RiemannianBenchmarks
{
    private readonly RiemannianHamiltonian _hamiltonian = new(FunnelTarget.LogDensity, 11, new SoftAbsMetric(1e6));
    private readonly double[] _theta = [0.3, 1, -0.5, 0.2, 0.8, -1.1, 0.4, 0.05, -0.3, 0.9, 0.6];
    private readonly double[] _other = new double[11];
    private readonly double[] _momentum = [0.5, -0.2, 0.1, 0.3, -0.4, 0.2, 0.1, -0.1, 0.25, -0.3, 0.15];
    private readonly double[] _velocity = new double[11];
    private readonly double[] _gradient = new double[11];
    private readonly double[] _stepTheta = new double[11];
    private readonly double[] _stepMomentum = new double[11];
    private readonly ExplicitBindingIntegrator _explicit;
    private int _shift;

    /// <summary>Sets the jitter and the explicit integrator.</summary>
    public RiemannianBenchmarks()
    {
        Array.Fill(_hamiltonian.Jitter, 0.005);
        _explicit = new ExplicitBindingIntegrator(_hamiltonian, omega: 10, sequential: true);
    }

    /// <summary>A position the Hamiltonian has not seen just before (alternating tiny shifts of v).</summary>
    private double[] NewPosition()
    {
        _theta.CopyTo(_other, 0);
        _other[0] += 1e-9 * (1 + (_shift++ % 2));
        return _other;
    }

    /// <summary>
    /// log π, its Hessian and the SoftAbs G⁻¹ and ½ log det G at a new position: log π recorded again and, as it records
    /// the same operations, the rest of the graph replayed.
    /// </summary>
    [Benchmark]
    public bool RecordPosition() => _hamiltonian.SetPosition(NewPosition());

    /// <summary>The same after the jitter changed, as at the start of a transition: the whole graph is recorded again.</summary>
    [Benchmark]
    public bool RecordPositionAfterNewJitter()
    {
        _hamiltonian.Jitter[0] = 0.005 + 1e-6 * (_shift % 2);
        return _hamiltonian.SetPosition(NewPosition());
    }

    /// <summary>∂H/∂θ for one more momentum at a recorded position (one backward pass).</summary>
    [Benchmark]
    public bool EnergyGradientAtRecordedPosition()
    {
        _hamiltonian.SetPosition(_theta);
        return _hamiltonian.EnergyGradient(_momentum, _gradient);
    }

    /// <summary>G(θ′)⁻¹p at a point other than the recorded one (numeric Hessian, no third derivatives).</summary>
    [Benchmark]
    public bool VelocityAtAnotherPoint() => _hamiltonian.VelocityAt(NewPosition(), _momentum, _velocity);

    /// <summary>G⁻¹p and ∂H/∂θ at a new position, ∂H/∂θ in one backward pass of all of H.</summary>
    [Benchmark]
    public bool EvaluateAtNewPosition() => _hamiltonian.Evaluate(NewPosition(), _momentum, _velocity, _gradient, out _, out _);

    /// <summary>The first explicit step of a trajectory (ε 0.15, ω 10, hamiltorch's binding): four new points; later steps share one.</summary>
    [Benchmark]
    public bool ExplicitStep()
    {
        _theta.CopyTo(_stepTheta, 0);
        _momentum.CopyTo(_stepMomentum, 0);
        _explicit.Begin(_stepTheta, _stepMomentum);
        var statistics = new FixedPointStatistics();
        return _explicit.Step(_stepTheta, _stepMomentum, 0.15, ref statistics);
    }
}
