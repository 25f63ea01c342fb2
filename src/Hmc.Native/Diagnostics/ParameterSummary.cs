namespace Hmc.Native.Diagnostics;

/// <summary>
/// Posterior summary and convergence diagnostics of one parameter, the columns of posterior's
/// <c>summarise_draws()</c> and CmdStan's <c>stansummary</c>. Produced by <see cref="Summary"/>.
/// </summary>
/// <param name="Name">The parameter name (e.g. <c>theta.1</c>).</param>
/// <param name="Mean">The mean of all draws.</param>
/// <param name="StandardDeviation">The sample standard deviation of all draws (divisor S − 1).</param>
/// <param name="McseMean">The Monte Carlo standard error of the mean (<see cref="MonteCarloStandardError.Mean"/>).</param>
/// <param name="Q5">The 5% quantile (type 7, <see cref="Quantiles"/>).</param>
/// <param name="Median">The 50% quantile.</param>
/// <param name="Q95">The 95% quantile.</param>
/// <param name="EssBulk">The bulk effective sample size (<see cref="EffectiveSampleSize.Bulk"/>).</param>
/// <param name="EssTail">The tail effective sample size (<see cref="EffectiveSampleSize.Tail"/>).</param>
/// <param name="Rhat">The rank-normalised split R̂ (<see cref="Diagnostics.Rhat.RankNormalized"/>).</param>
public sealed record ParameterSummary(
    string Name,
    double Mean,
    double StandardDeviation,
    double McseMean,
    double Q5,
    double Median,
    double Q95,
    double EssBulk,
    double EssTail,
    double Rhat);
