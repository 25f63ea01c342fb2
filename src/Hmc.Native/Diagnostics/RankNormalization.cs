using MathNet.Numerics.Distributions;

namespace Hmc.Native.Diagnostics;

/// <summary>
/// Rank normalisation (Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner 2021, "Rank-normalization,
/// folding, and localization: an improved R̂ for assessing convergence of MCMC", Bayesian Analysis 16(2),
/// eq. 14): every value is replaced by its rank among all values pooled over chains, and the rank by the
/// standard normal quantile of its Blom-offset fraction, as posterior's <c>z_scale()</c> does.
/// </summary>
public static class RankNormalization
{
    /// <summary>Blom's offset c = 3/8 used by posterior in (r − c)/(S − 2c + 1).</summary>
    public const double BlomOffset = 3.0 / 8.0;

    /// <summary>
    /// Writes the 1-based ranks of <paramref name="values"/>; tied values share the average of their ranks
    /// (R's <c>rank(ties.method = "average")</c>), so a discrete quantity keeps its number of distinct values.
    /// </summary>
    /// <remarks>A NaN value gets a NaN rank; the other values are ranked as if the NaNs were last.</remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void AverageRanks(ReadOnlySpan<double> values, Span<double> ranks)
    {
        if (ranks.Length != values.Length)
            throw new ArgumentException($"The ranks must have the length of the values ({values.Length}); got {ranks.Length}.", nameof(ranks));
        int s = values.Length;
        var keys = values.ToArray();
        var order = new int[s];
        for (int i = 0; i < s; i++) order[i] = i;
        // Array.Sort orders NaN first; move those to the end so they do not shift the other ranks.
        Array.Sort(keys, order);
        int nanCount = 0;
        while (nanCount < s && double.IsNaN(keys[nanCount])) nanCount++;
        for (int i = 0; i < nanCount; i++) ranks[order[i]] = double.NaN;
        for (int start = nanCount; start < s;)
        {
            int end = start + 1;
            while (end < s && keys[end] == keys[start]) end++;
            // Positions start … end−1 (0-based among the non-NaN values) tie: ranks are 1-based.
            double averageRank = 0.5 * ((start - nanCount + 1) + (end - nanCount));
            for (int i = start; i < end; i++) ranks[order[i]] = averageRank;
            start = end;
        }
    }

    /// <summary>
    /// Writes the rank-normalised values z_i = Φ⁻¹((r_i − c)/(S − 2c + 1)) with r_i the average rank
    /// (<see cref="AverageRanks"/>), S the number of values and c = <see cref="BlomOffset"/> = 3/8, so the
    /// fraction is (r − 3/8)/(S + 1/4).
    /// </summary>
    /// <remarks>NaN values give NaN; ±∞ are ranked like any other value.</remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void NormalScores(ReadOnlySpan<double> values, Span<double> scores)
    {
        AverageRanks(values, scores);
        double denominator = values.Length - 2 * BlomOffset + 1;
        for (int i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i])) continue;
            scores[i] = Normal.InvCDF(0.0, 1.0, (scores[i] - BlomOffset) / denominator);
        }
    }

    /// <summary>Returns the rank-normalised values; see <see cref="NormalScores(ReadOnlySpan{double}, Span{double})"/>.</summary>
    public static double[] NormalScores(ReadOnlySpan<double> values)
    {
        var scores = new double[values.Length];
        NormalScores(values, scores);
        return scores;
    }
}
