namespace Hmc.Native.Diagnostics;

/// <summary>
/// Effective sample sizes of MCMC draws of one parameter, computed exactly as R's <c>posterior</c> package
/// (<c>ess_basic</c>, <c>ess_bulk</c>, <c>ess_tail</c>, <c>ess_quantile</c>) following Vehtari, Gelman,
/// Simpson, Carpenter &amp; Bürkner (2021), "Rank-normalization, folding, and localization: an improved R̂ for
/// assessing convergence of MCMC", Bayesian Analysis 16(2) 667–718, §3.2 and Appendix A.
/// </summary>
/// <remarks>
/// <para>For m chains of n draws with autocovariances γ̂_{j,t} (<see cref="Autocovariance"/>), posterior
/// forms W = (1/m) Σ_j γ̂_{j,0}·n/(n−1), var⁺ = W(n−1)/n + B/n (the B/n term only when m &gt; 1, with B/n the
/// sample variance of the chain means) and ρ̂_t = 1 − (W − (1/m) Σ_j γ̂_{j,t})/var⁺ (paper eq. 10). The sum of
/// ρ̂ is truncated by Geyer's (1992) initial positive sequence over pairs ρ̂_{2k} + ρ̂_{2k+1}, made monotone
/// by Geyer's initial monotone sequence, and τ̂ = −1 + 2 Σ_{t&lt;T} ρ̂_t + ρ̂_T (the improved estimate that also
/// keeps antithetic chains sane). τ̂ is bounded below by 1/log10(mn), so ESS = mn/τ̂ is at most mn·log10(mn).</para>
/// <para>NaN is returned where posterior returns NA: a NaN or infinite draw; constant draws (max − min below
/// 2.2e−16; for the bulk ESS, all draws tied); fewer than 3 draws per (split) chain. When the positive sequence
/// stops at its first pair (fewer than 6 draws per chain, or ρ̂_1 ≤ −1) posterior's R indexing
/// <c>sum(rho_hat_t[1:0])</c> counts ρ̂_0 once, giving τ̂ = 2; this is reproduced so that the numbers agree.
/// A single chain is fine: it is split into two halves.</para>
/// </remarks>
public static class EffectiveSampleSize
{
    /// <summary>
    /// The basic ESS of the mean (posterior's <c>ess_basic</c>, equal to <c>ess_mean</c>), on split chains
    /// unless <paramref name="split"/> is false.
    /// </summary>
    /// <returns>The ESS, or NaN in the cases listed on <see cref="EffectiveSampleSize"/>.</returns>
    public static double Basic(ChainDraws draws, bool split = true) =>
        OfChains(split ? SplitChains.Split(draws) : draws);

    /// <summary>
    /// The bulk ESS (paper §4.3): the ESS of the rank-normalised (<see cref="RankNormalization"/>) split
    /// chains, a measure of sampling efficiency in the bulk of the distribution that also exists when the
    /// mean does not.
    /// </summary>
    /// <remarks>
    /// NaN when any draw is NaN or infinite (posterior ranks ±∞ and reports a number; a sampler that emits
    /// infinities is not converged, so NaN is returned here), when all draws are tied, or with fewer than
    /// 3 draws per split chain.
    /// </remarks>
    public static double Bulk(ChainDraws draws)
    {
        if (DrawChecks.HasNonFinite(draws.Values)) return double.NaN;
        var split = SplitChains.Split(draws);
        var z = RankNormalization.NormalScores(split.Values);
        return OfChains(new ChainDraws(z, split.Chains, split.DrawsPerChain));
    }

    /// <summary>
    /// The tail ESS (paper §4.3): the smaller of the ESS of the 5% and the 95% quantile (<see cref="Quantile"/>).
    /// </summary>
    /// <returns>The tail ESS, or NaN when either is NaN.</returns>
    public static double Tail(ChainDraws draws) => Math.Min(Quantile(draws, 0.05), Quantile(draws, 0.95));

    /// <summary>
    /// The ESS of the <paramref name="probability"/>-quantile (paper §4.3, posterior's <c>ess_quantile</c>):
    /// the basic ESS of the indicator I(x ≤ q̂) on split chains, with q̂ the type-7 quantile of all draws
    /// (<see cref="Quantiles"/>). For probability 1, posterior uses (S − 1/2)/S with S the number of draws.
    /// </summary>
    /// <returns>The ESS, or NaN for NaN, infinite or constant draws, or a constant indicator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The probability is outside [0, 1].</exception>
    public static double Quantile(ChainDraws draws, double probability)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability must lie in [0, 1].");
        if (DrawChecks.ShouldReturnNaN(draws.Values)) return double.NaN;
        int s = draws.Values.Length;
        if (probability == 1) probability = (s - 0.5) / s;
        double q = Quantiles.Type7(draws.Values, probability);
        var indicator = new double[s];
        for (int i = 0; i < s; i++) indicator[i] = draws.Values[i] <= q ? 1.0 : 0.0;
        return OfChains(SplitChains.Split(new ChainDraws(indicator, draws.Chains, draws.DrawsPerChain)));
    }

    /// <summary>posterior's internal <c>.ess()</c> on chains used as given (already split where wanted).</summary>
    internal static double OfChains(ChainDraws draws)
    {
        int m = draws.Chains;
        int n = draws.DrawsPerChain;
        if (n < 3 || DrawChecks.ShouldReturnNaN(draws.Values)) return double.NaN;

        var acovMeans = new double[n];
        var acov = new double[n];
        var chainMeans = new double[m];
        for (int c = 0; c < m; c++)
        {
            var chain = draws.Chain(c);
            Autocovariance.Compute(chain, acov);
            for (int t = 0; t < n; t++) acovMeans[t] += acov[t];
            chainMeans[c] = SampleMoments.Mean(chain);
        }
        for (int t = 0; t < n; t++) acovMeans[t] /= m;

        double meanVar = acovMeans[0] * n / (n - 1);
        double varPlus = meanVar * (n - 1) / n;
        if (m > 1) varPlus += SampleMoments.Variance(chainMeans);

        // Geyer's initial positive sequence (paper eq. 11, posterior's loop with 0-based t).
        var rho = new double[n];
        int t0 = 0;
        double rhoEven = 1;
        rho[0] = rhoEven;
        double rhoOdd = 1 - (meanVar - acovMeans[1]) / varPlus;
        rho[1] = rhoOdd;
        while (t0 < n - 5 && !double.IsNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0)
        {
            t0 += 2;
            rhoEven = 1 - (meanVar - acovMeans[t0]) / varPlus;
            rhoOdd = 1 - (meanVar - acovMeans[t0 + 1]) / varPlus;
            if (rhoEven + rhoOdd >= 0)
            {
                rho[t0] = rhoEven;
                rho[t0 + 1] = rhoOdd;
            }
        }
        int maxT = t0;
        // The last positive even lag enters the improved estimate.
        if (rhoEven > 0) rho[maxT] = rhoEven;

        // Geyer's initial monotone sequence.
        for (int t = 2; t <= maxT - 2; t += 2)
        {
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1])
            {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }

        double total = (double)m * n;
        // τ̂ = −1 + 2 Σ_{t<T} ρ̂_t + ρ̂_T; for T = 0, R's rho_hat_t[1:0] selects ρ̂_0.
        double sum = 0;
        if (maxT == 0) sum = rho[0];
        for (int t = 0; t < maxT; t++) sum += rho[t];
        double tau = -1 + 2 * sum + rho[maxT];
        // Bound τ̂ below so that ESS ≤ mn·log10(mn).
        tau = Math.Max(tau, 1 / Math.Log10(total));
        return total / tau;
    }
}
