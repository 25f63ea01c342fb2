using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// HMC on a log-density that is a sum of pieces log π = Σ_m log π_m (the prior and the likelihood of each data
/// split), integrating with one piece's gradient at a time so no gradient over all the data is ever held
/// (Shahbaba, Lan, Johnson &amp; Neal 2014, "Split Hamiltonian Monte Carlo"; hamiltorch's splitting integrators).
/// The Metropolis test uses the full H.
/// <list type="bullet">
/// <item><see cref="Integrator.Splitting"/>: per step, for each piece, kick ε/2 with its gradient, drift ε/M, kick ε/2.
/// The pieces are visited in order 1..M or M..1, chosen with probability ½ per transition, which makes the proposal
/// reversible (hamiltorch always visits 1..M).</item>
/// <item><see cref="Integrator.SplittingRandom"/>: the same with a uniformly random order per transition.</item>
/// <item><see cref="Integrator.SplittingKMid"/>: all pieces kick ε/2, one drift ε, all pieces kick ε/2 — a leapfrog
/// step whose gradient is accumulated piece by piece.</item>
/// </list>
/// Every piece's gradient goes through the same mass matrix (any <see cref="IEuclideanMetric"/>, block-diagonal
/// included).
/// </summary>
public sealed class SplitHmcKernel : EuclideanKernel
{
    private readonly ILogDensity[] _pieces;
    private readonly Integrator _integrator;
    private readonly PhasePoint _z;
    private readonly double[] _pieceGradient;
    private readonly int[] _order;

    /// <summary>Creates the kernel over <paramref name="pieces"/>, whose sum is the target (owned by this kernel's chain).</summary>
    /// <exception cref="ArgumentException">No piece, pieces of different dimensions, or an integrator that is not a splitting one.</exception>
    public SplitHmcKernel(IReadOnlyList<ILogDensity> pieces, IEuclideanMetric metric, double stepSize, int steps, Integrator integrator)
        : base(new SumLogDensity(pieces), metric, stepSize)
    {
        if (integrator is not (Integrator.Splitting or Integrator.SplittingRandom or Integrator.SplittingKMid))
            throw new ArgumentException($"Split HMC integrates with Splitting, SplittingRandom or SplittingKMid; got {integrator}.", nameof(integrator));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        _pieces = pieces.ToArray();
        _integrator = integrator;
        Steps = steps;
        _z = new PhasePoint(Density.Dimension);
        _pieceGradient = new double[Density.Dimension];
        _order = new int[_pieces.Length];
    }

    /// <summary>L.</summary>
    public int Steps { get; }

    /// <inheritdoc />
    public override (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state)
    {
        Start(rng, state, _z);
        double h0 = _z.Energy;
        ChooseOrder(rng);
        bool valid = true;
        int taken = 0;
        for (int s = 0; s < Steps && valid; s++)
        {
            valid = _integrator == Integrator.SplittingKMid ? KickDriftKickAll() : KickDriftKickEach();
            taken++;
        }
        if (valid) valid = Leapfrog.Evaluate(Density, _z);
        var outcome = TransitionOutcome.FromEnergies(h0, _z.Energy, valid);
        bool accepted = outcome.Accept(rng);
        var info = TransitionInfo.Of(outcome, accepted, accepted ? _z.Energy : h0, StepSize, 0, taken);
        return (accepted ? Snapshot(_z) : state, info);
    }

    private void ChooseOrder(Rng rng)
    {
        int m = _order.Length;
        for (int i = 0; i < m; i++) _order[i] = i;
        if (_integrator == Integrator.SplittingRandom)
        {
            for (int i = m - 1; i > 0; i--)
            {
                int j = rng.NextInt(i + 1);
                (_order[i], _order[j]) = (_order[j], _order[i]);
            }
        }
        else if (_integrator == Integrator.Splitting && rng.NextDouble() < 0.5)
        {
            Array.Reverse(_order);
        }
    }

    private bool Kick(int piece, double scale)
    {
        double lp;
        try
        {
            lp = _pieces[piece].Evaluate(_z.Position, _pieceGradient);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new LogDensityException(_z.Position, ex);
        }
        if (!double.IsFinite(lp)) return false;
        TensorPrimitives.MultiplyAdd<double>(_pieceGradient, scale, _z.Momentum, _z.Momentum);
        return true;
    }

    private void Drift(double time)
    {
        Metric.Velocity(_z.Momentum, _z.Velocity);
        TensorPrimitives.MultiplyAdd<double>(_z.Velocity, time, _z.Position, _z.Position);
    }

    private bool KickDriftKickEach()
    {
        double half = 0.5 * StepSize;
        foreach (int piece in _order)
        {
            if (!Kick(piece, half)) return false;
            Drift(StepSize / _order.Length);
            if (!Kick(piece, half)) return false;
        }
        Metric.Velocity(_z.Momentum, _z.Velocity);
        return true;
    }

    private bool KickDriftKickAll()
    {
        double half = 0.5 * StepSize;
        foreach (int piece in _order)
            if (!Kick(piece, half)) return false;
        Drift(StepSize);
        for (int i = _order.Length - 1; i >= 0; i--)
            if (!Kick(_order[i], half)) return false;
        Metric.Velocity(_z.Momentum, _z.Velocity);
        return true;
    }
}
