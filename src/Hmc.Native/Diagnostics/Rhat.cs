namespace Hmc.Native.Diagnostics;

/// <summary>
/// The potential scale reduction factor R̂ of MCMC draws of one parameter, computed exactly as R's
/// <c>posterior</c> package (<c>rhat_basic</c>, <c>rhat</c>). Values near 1 indicate that the chains agree;
/// Vehtari et al. (2021) recommend R̂ &lt; 1.01.
/// </summary>
/// <remarks>
/// <para>For m chains of n draws with chain means θ̄_j and chain variances s_j² (divisor n − 1):
/// B = n · var(θ̄_j), W = mean(s_j²), R̂ = √((B/W + n − 1)/n) = √(var⁺/W) with var⁺ = (n−1)/n·W + B/n
/// (Gelman et al. 2013, BDA3 eq. 11.3–11.4; Vehtari et al. 2021, eq. 3–4).</para>
/// <para>NaN is returned where posterior returns NA: a NaN or infinite draw, constant draws (max − min below
/// 2.2e−16), or fewer than 2 draws per split chain (a sample variance needs two values, so chains of fewer
/// than 4 draws give NaN). One chain is fine: its two halves are compared.</para>
/// </remarks>
public static class Rhat
{
    /// <summary>
    /// The classic R̂ (posterior's <c>rhat_basic</c>): on split chains (each chain cut into its first and second
    /// half, the middle draw of an odd-length chain dropped) unless <paramref name="split"/> is false.
    /// </summary>
    /// <returns>R̂, or NaN in the cases listed on <see cref="Rhat"/>.</returns>
    public static double Basic(ChainDraws draws, bool split = true) =>
        OfChains(split ? SplitChains.Split(draws) : draws);

    /// <summary>
    /// The rank-normalised split R̂ (Vehtari et al. 2021, §4.2; posterior's <c>rhat</c>): the larger of the
    /// bulk R̂, R̂ of the rank-normalised split chains, and the tail R̂, R̂ of the rank-normalised split chains
    /// of the folded draws |θ − median(θ)|. It detects chains that differ in location or in scale and is
    /// defined for distributions without finite moments.
    /// </summary>
    /// <remarks>
    /// NaN when any draw is NaN or infinite (posterior ranks ±∞ and reports a number; a sampler that emits
    /// infinities is not converged, so NaN is returned here), when all draws are tied, or with fewer than
    /// 2 draws per split chain.
    /// </remarks>
    public static double RankNormalized(ChainDraws draws)
    {
        if (DrawChecks.HasNonFinite(draws.Values)) return double.NaN;
        double bulk = RankNormalizedSplit(draws.Values, draws.Chains, draws.DrawsPerChain);
        double median = Quantiles.Type7(draws.Values, 0.5);
        var folded = new double[draws.Values.Length];
        for (int i = 0; i < folded.Length; i++) folded[i] = Math.Abs(draws.Values[i] - median);
        double tail = RankNormalizedSplit(folded, draws.Chains, draws.DrawsPerChain);
        return Math.Max(bulk, tail);
    }

    private static double RankNormalizedSplit(ReadOnlySpan<double> values, int chains, int drawsPerChain)
    {
        var split = SplitChains.Split(new ChainDraws(values, chains, drawsPerChain));
        var z = RankNormalization.NormalScores(split.Values);
        return OfChains(new ChainDraws(z, split.Chains, split.DrawsPerChain));
    }

    /// <summary>posterior's internal <c>.rhat()</c> on chains used as given (already split where wanted).</summary>
    internal static double OfChains(ChainDraws draws)
    {
        if (DrawChecks.ShouldReturnNaN(draws.Values)) return double.NaN;
        int m = draws.Chains;
        int n = draws.DrawsPerChain;
        var chainMeans = new double[m];
        double meanOfVariances = 0;
        for (int c = 0; c < m; c++)
        {
            var chain = draws.Chain(c);
            chainMeans[c] = SampleMoments.Mean(chain);
            meanOfVariances += SampleMoments.Variance(chain);
        }
        double within = meanOfVariances / m;
        double between = n * SampleMoments.Variance(chainMeans);
        return Math.Sqrt((between / within + n - 1) / n);
    }
}
