using MathNet.Numerics.Distributions;

namespace Hmc.Native.Diagnostics;

/// <summary>
/// Monte Carlo standard errors of posterior estimates from MCMC draws of one parameter, as R's
/// <c>posterior</c> package computes them (<c>mcse_mean</c>, <c>mcse_quantile</c>).
/// </summary>
public static class MonteCarloStandardError
{
    /// <summary>Φ(−1) and Φ(1) as written in posterior: the ±1 sd interval of a normal.</summary>
    private const double LowerProbability = 0.1586553;
    private const double UpperProbability = 0.8413447;

    /// <summary>
    /// The MCSE of the mean: sd(θ)/√ESS with sd the sample standard deviation of all draws pooled (divisor
    /// S − 1) and ESS the basic split-chain ESS (<see cref="EffectiveSampleSize.Basic"/>).
    /// </summary>
    /// <returns>The MCSE, or NaN where the ESS is NaN (non-finite or constant draws, fewer than 3 draws per split chain).</returns>
    public static double Mean(ChainDraws draws) =>
        Math.Sqrt(SampleMoments.Variance(draws.Values)) / Math.Sqrt(EffectiveSampleSize.Basic(draws));

    /// <summary>
    /// The MCSE of the standard deviation (posterior's <c>mcse_sd</c>, Vehtari et al. 2021): with c = θ − θ̄ the
    /// centred draws, v = mean(c²) and E the basic ESS of c² (<see cref="EffectiveSampleSize.Basic"/>), the
    /// variance of the variance estimate is (mean(c⁴) − v²)/E, and by the delta method for √v the MCSE is
    /// √((mean(c⁴) − v²)/E / (4v)).
    /// </summary>
    /// <returns>The MCSE, or NaN where the ESS of c² is NaN (non-finite or constant draws, fewer than 3 draws per split chain).</returns>
    public static double StandardDeviation(ChainDraws draws)
    {
        double mean = SampleMoments.Mean(draws.Values);
        var squares = new double[draws.Values.Length];
        double v = 0, fourth = 0;
        for (int i = 0; i < squares.Length; i++)
        {
            double c = draws.Values[i] - mean;
            squares[i] = c * c;
            v += squares[i];
            fourth += squares[i] * squares[i];
        }
        v /= squares.Length;
        fourth /= squares.Length;
        double ess = EffectiveSampleSize.Basic(new ChainDraws(squares, draws.Chains, draws.DrawsPerChain));
        return Math.Sqrt((fourth - v * v) / ess / (4 * v));
    }

    /// <summary>
    /// The MCSE of the <paramref name="probability"/>-quantile (Vehtari et al. 2021, §4.3; posterior's
    /// <c>mcse_quantile</c>): with E the quantile ESS (<see cref="EffectiveSampleSize.Quantile"/>), a_1, a_2 the
    /// 0.1586553 and 0.8413447 quantiles of Beta(E·p + 1, E·(1 − p) + 1), and θ_(1) ≤ … ≤ θ_(S) the sorted
    /// draws, the MCSE is (θ_(min(⌈a_2 S⌉, S)) − θ_(max(⌊a_1 S⌋, 1)))/2: half the width of the draws' ±1 sd
    /// interval for the quantile.
    /// </summary>
    /// <returns>The MCSE, or NaN where the quantile ESS is NaN.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The probability is outside [0, 1].</exception>
    public static double Quantile(ChainDraws draws, double probability)
    {
        double ess = EffectiveSampleSize.Quantile(draws, probability);
        if (double.IsNaN(ess)) return double.NaN;
        double alpha = ess * probability + 1;
        double beta = ess * (1 - probability) + 1;
        double a1 = Beta.InvCDF(alpha, beta, LowerProbability);
        double a2 = Beta.InvCDF(alpha, beta, UpperProbability);
        var sorted = draws.Values.ToArray();
        Array.Sort(sorted);
        int s = sorted.Length;
        int lower = Math.Max((int)Math.Floor(a1 * s), 1);
        int upper = Math.Clamp((int)Math.Ceiling(a2 * s), 1, s);
        return (sorted[upper - 1] - sorted[lower - 1]) / 2;
    }
}
