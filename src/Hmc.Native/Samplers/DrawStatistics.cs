namespace Hmc.Native.Samplers;

/// <summary>
/// The per-draw sampler statistics: those CmdStan records next to each draw (the <c>__</c> columns of its CSV), the
/// invalid flag, and the fixed-point solves of implicit integrators.
/// </summary>
/// <param name="LogDensity">The log density at the draw, up to a constant (CmdStan's <c>lp__</c>).</param>
/// <param name="AcceptStat">The acceptance statistic: the Metropolis acceptance probability min(1, exp(−ΔH))
/// for static HMC, the average over the trajectory for NUTS (<c>accept_stat__</c>); in [0, 1].</param>
/// <param name="StepSize">The integrator step size used for the draw (<c>stepsize__</c>).</param>
/// <param name="TreeDepth">The NUTS tree depth (<c>treedepth__</c>); 0 for samplers without a tree.</param>
/// <param name="LeapfrogSteps">The number of integrator steps taken (<c>n_leapfrog__</c>).</param>
/// <param name="Divergent">Whether the trajectory diverged: an energy error above the divergence threshold or a
/// non-finite energy (<c>divergent__</c>, written as 0 or 1).</param>
/// <param name="Energy">The Hamiltonian H = −log p(θ) + K(p) at the draw (<c>energy__</c>).</param>
/// <param name="Invalid">The transition met a non-finite log-density, gradient or metric, so its proposal was rejected (<c>invalid__</c>).</param>
/// <param name="FixedPointIterations">Implicit integrators: the most iterations one fixed-point solve took (<c>fixed_point_iterations__</c>).</param>
/// <param name="FixedPointResidual">Implicit integrators: the largest final residual of a solve (<c>fixed_point_residual__</c>).</param>
/// <param name="FixedPointFailed">Implicit integrators: a solve did not converge, so the proposal was rejected (<c>fixed_point_failed__</c>).</param>
public readonly record struct DrawStatistics(
    double LogDensity,
    double AcceptStat,
    double StepSize,
    int TreeDepth,
    int LeapfrogSteps,
    bool Divergent,
    double Energy,
    bool Invalid = false,
    int FixedPointIterations = 0,
    double FixedPointResidual = 0,
    bool FixedPointFailed = false)
{
    /// <summary>The names of the columns a CmdStan CSV gives these statistics: CmdStan's seven sampler columns in its order,
    /// then <c>invalid__</c> (<see cref="Invalid"/>); <see cref="CopyColumns"/> gives their values.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__", "invalid__"];

    /// <summary>Writes the value of each of <see cref="ColumnNames"/> (counts as integers, flags as 0 or 1).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="ColumnNames"/>.</exception>
    public void CopyColumns(Span<double> destination)
    {
        if (destination.Length < ColumnNames.Count)
            throw new ArgumentException($"The destination holds {destination.Length} values; there are {ColumnNames.Count} columns.", nameof(destination));
        destination[0] = LogDensity;
        destination[1] = AcceptStat;
        destination[2] = StepSize;
        destination[3] = TreeDepth;
        destination[4] = LeapfrogSteps;
        destination[5] = Divergent ? 1 : 0;
        destination[6] = Energy;
        destination[7] = Invalid ? 1 : 0;
    }

    /// <summary>The statistics of a draw at <paramref name="logDensity"/> made by the transition <paramref name="info"/>.</summary>
    public static DrawStatistics Of(double logDensity, in TransitionInfo info) =>
        new(logDensity, info.AcceptProbability, info.StepSize, info.TreeDepth, info.LeapfrogSteps, info.Divergent, info.Energy,
            info.Invalid, info.FixedPointIterations, info.FixedPointResidual, info.FixedPointFailed);
}
