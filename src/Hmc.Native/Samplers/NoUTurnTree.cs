using Hmc.Native.Integrators;
using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// The No-U-Turn trajectory as Stan builds it (Hoffman &amp; Gelman 2014; Betancourt 2017, "A conceptual
/// introduction to HMC", appendix A): the trajectory doubles in a random direction until the generalised U-turn
/// criterion p♯₋·ρ &gt; 0 and p♯₊·ρ &gt; 0 fails for the whole trajectory or for any balanced sub-tree (including
/// Stan's extra checks across each pair of merged sub-trees), the energy error exceeds 1000 (a divergence), or
/// the maximum depth is reached. The draw is chosen by multinomial sampling: uniform within a new sub-tree and
/// biased towards the new sub-tree when it is merged. p♯ is the point's velocity ∂H/∂p, so the same tree serves
/// Euclidean metrics and Riemannian ones (Betancourt 2013).
/// </summary>
/// <remarks>
/// Sub-trees are built iteratively, one integrator step at a time: for every level k the momentum and running
/// momentum sum are checkpointed where a block of 2ᵏ steps starts and where its halves meet, so each block's
/// three checks run when its last step is taken — the same checks, in the same places, as Stan's recursion, with
/// O(depth) vectors of memory. The directions of all doublings come from one 64-bit draw taken after the momentum.
/// </remarks>
public sealed class NoUTurnTree
{
    private readonly IHamiltonianDynamics _dynamics;
    private readonly int _n;
    private readonly PhasePoint _minus, _plus, _selected, _proposal;
    private readonly double[] _rho, _subRho, _oldJunctionP, _oldJunctionV, _newFirstP, _newFirstV, _scratch;
    private readonly LevelCheckpoints[] _levels;

    /// <summary>Creates the tree builder for <paramref name="dimension"/> parameters.</summary>
    public NoUTurnTree(IHamiltonianDynamics dynamics, int dimension, int maxTreeDepth)
    {
        _dynamics = dynamics ?? throw new ArgumentNullException(nameof(dynamics));
        if (maxTreeDepth is < 1 or > 30) throw new ArgumentOutOfRangeException(nameof(maxTreeDepth), "The maximum tree depth must be between 1 and 30.");
        MaxTreeDepth = maxTreeDepth;
        _n = dimension;
        _minus = new PhasePoint(_n);
        _plus = new PhasePoint(_n);
        _selected = new PhasePoint(_n);
        _proposal = new PhasePoint(_n);
        _rho = new double[_n];
        _subRho = new double[_n];
        _oldJunctionP = new double[_n];
        _oldJunctionV = new double[_n];
        _newFirstP = new double[_n];
        _newFirstV = new double[_n];
        _scratch = new double[_n];
        _levels = new LevelCheckpoints[maxTreeDepth];
    }

    /// <summary>The largest number of doublings.</summary>
    public int MaxTreeDepth { get; }

    /// <summary>The backward and forward ends of the last trajectory.</summary>
    public (double[] Minus, double[] Plus) LastTrajectoryEnds => (_minus.Position, _plus.Position);

    /// <summary>The point the last transition selected.</summary>
    public PhasePoint Selected => _selected;

    /// <summary>
    /// Builds a trajectory from <paramref name="start"/> (position, momentum, velocity and energy terms set) with step
    /// size <paramref name="stepSize"/>. Returns whether the selected point differs from the start, and the statistics.
    /// </summary>
    public (bool Moved, TransitionInfo Info) Transition(Rng rng, PhasePoint start, double stepSize)
    {
        _minus.CopyFrom(start);
        ulong directions = rng.NextUInt64();
        double h0 = _minus.Energy;
        _plus.CopyFrom(_minus);
        _selected.CopyFrom(_minus);
        _minus.Momentum.CopyTo(_rho, 0);
        double logSumWeight = 0;
        var stats = new TrajectoryStatistics();
        int depth = 0;
        bool moved = false;
        while (depth < MaxTreeDepth)
        {
            bool forward = ((directions >> depth) & 1) == 1;
            var edge = forward ? _plus : _minus;
            var farOld = forward ? _minus : _plus;
            edge.Momentum.CopyTo(_oldJunctionP, 0);
            edge.Velocity.CopyTo(_oldJunctionV, 0);
            bool valid = BuildSubtree(rng, edge, forward ? stepSize : -stepSize, depth, h0, ref stats, out double subLogWeight);
            depth++;
            if (!valid) break;

            if (subLogWeight > logSumWeight || rng.NextDouble() < Math.Exp(subLogWeight - logSumWeight))
            {
                _selected.CopyFrom(_proposal);
                moved = true;
            }
            logSumWeight = LogAddExp(logSumWeight, subLogWeight);

            // ρ_old + p(new first) with ends (old far end, new first); ρ_new + p(old junction) with ends (old junction, new far end).
            TensorPrimitives.Add(_rho, _newFirstP, _scratch);
            bool persist = NoUTurn(farOld.Velocity, _newFirstV, _scratch);
            TensorPrimitives.Add(_subRho, _oldJunctionP, _scratch);
            persist &= NoUTurn(_oldJunctionV, edge.Velocity, _scratch);
            TensorPrimitives.Add(_rho, _subRho, _rho);
            persist &= NoUTurn(farOld.Velocity, edge.Velocity, _rho);
            if (!persist) break;
        }
        double acceptStat = stats.Leapfrogs > 0 ? stats.SumMetropolis / stats.Leapfrogs : 0;
        var fixedPoint = _dynamics.Statistics;
        var info = new TransitionInfo(acceptStat, moved, stats.Divergent, stats.Invalid, _selected.Energy, stepSize, depth, stats.Leapfrogs,
            fixedPoint.MaxIterations, fixedPoint.MaxResidual, fixedPoint.Failed);
        return (moved, info);
    }

    /// <summary>
    /// Extends the trajectory from <paramref name="edge"/> by 2^<paramref name="depth"/> steps of size
    /// <paramref name="stepSize"/>, leaving the sub-tree's multinomial draw in <c>_proposal</c>, its momentum sum in
    /// <c>_subRho</c>, its first step in <c>_newFirstP/V</c> and its log total weight in <paramref name="logWeight"/>.
    /// Returns false on a divergence, an invalid point or a U-turn inside the sub-tree.
    /// </summary>
    private bool BuildSubtree(Rng rng, PhasePoint edge, double stepSize, int depth, double h0, ref TrajectoryStatistics stats, out double logWeight)
    {
        logWeight = double.NegativeInfinity;
        Array.Clear(_subRho);
        int leaves = 1 << depth;
        for (int k = 1; k <= depth; k++) _levels[k - 1] ??= new LevelCheckpoints(_n);
        for (int leaf = 0; leaf < leaves; leaf++)
        {
            bool finite = _dynamics.Step(edge, stepSize);
            stats.Leapfrogs++;
            var leafOutcome = TransitionOutcome.FromEnergies(h0, edge.Energy, finite);
            double w = -leafOutcome.EnergyError;
            logWeight = LogAddExp(logWeight, w);
            stats.SumMetropolis += leafOutcome.AcceptProbability;
            stats.Invalid |= leafOutcome.Invalid;
            if (leafOutcome.Divergent)
            {
                stats.Divergent = true;
                return false;
            }
            if (leaf == 0 || rng.NextDouble() < Math.Exp(w - logWeight)) _proposal.CopyFrom(edge);
            if (leaf == 0)
            {
                edge.Momentum.CopyTo(_newFirstP, 0);
                edge.Velocity.CopyTo(_newFirstV, 0);
            }
            TensorPrimitives.Add(_subRho, edge.Momentum, _subRho);
            if (!CheckLevels(edge, leaf, depth)) return false;
        }
        return true;
    }

    /// <summary>Records checkpoints at <paramref name="leaf"/> and runs the three U-turn checks of every block it completes.</summary>
    private bool CheckLevels(PhasePoint edge, int leaf, int depth)
    {
        for (int k = 1; k <= depth; k++)
        {
            var level = _levels[k - 1];
            int block = 1 << k, half = block >> 1, position = leaf & (block - 1);
            if (position == 0)
            {
                edge.Momentum.CopyTo(level.StartP, 0);
                edge.Velocity.CopyTo(level.StartV, 0);
                TensorPrimitives.Subtract(_subRho, edge.Momentum, level.SumBefore);
            }
            if (position == half - 1)
            {
                edge.Momentum.CopyTo(level.LeftLastP, 0);
                edge.Velocity.CopyTo(level.LeftLastV, 0);
                _subRho.CopyTo(level.SumAtLeftLast, 0);
            }
            if (position == half)
            {
                edge.Momentum.CopyTo(level.RightFirstP, 0);
                edge.Velocity.CopyTo(level.RightFirstV, 0);
            }
            if (position != block - 1) continue;
            var rho = _scratch;
            TensorPrimitives.Subtract(_subRho, level.SumBefore, rho);
            if (!NoUTurn(level.StartV, edge.Velocity, rho)) return false;
            TensorPrimitives.Subtract(level.SumAtLeftLast, level.SumBefore, rho);
            TensorPrimitives.Add(rho, level.RightFirstP, rho);
            if (!NoUTurn(level.StartV, level.RightFirstV, rho)) return false;
            TensorPrimitives.Subtract(_subRho, level.SumAtLeftLast, rho);
            TensorPrimitives.Add(rho, level.LeftLastP, rho);
            if (!NoUTurn(level.LeftLastV, edge.Velocity, rho)) return false;
        }
        return true;
    }

    /// <summary>The generalised no-U-turn criterion (Betancourt 2017, eq. 31): p♯₋·ρ &gt; 0 and p♯₊·ρ &gt; 0.</summary>
    internal static bool NoUTurn(ReadOnlySpan<double> velocityMinus, ReadOnlySpan<double> velocityPlus, ReadOnlySpan<double> rho) =>
        TensorPrimitives.Dot(velocityMinus, rho) > 0 && TensorPrimitives.Dot(velocityPlus, rho) > 0;

    private static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        return a > b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));
    }

    private struct TrajectoryStatistics
    {
        public int Leapfrogs;
        public double SumMetropolis;
        public bool Divergent;
        public bool Invalid;
    }

    private sealed class LevelCheckpoints(int n)
    {
        public readonly double[] StartP = new double[n], StartV = new double[n], SumBefore = new double[n];
        public readonly double[] LeftLastP = new double[n], LeftLastV = new double[n], SumAtLeftLast = new double[n];
        public readonly double[] RightFirstP = new double[n], RightFirstV = new double[n];
    }
}
