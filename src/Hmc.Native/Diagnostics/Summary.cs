namespace Hmc.Native.Diagnostics;

/// <summary>
/// Computes <see cref="ParameterSummary"/> rows: mean, sd, MCSE of the mean, 5/50/95% quantiles, bulk and
/// tail ESS and rank-normalised R̂, each as R's <c>posterior</c> package computes it.
/// </summary>
/// <remarks>
/// NaN or infinite draws propagate into the mean and sd as IEEE arithmetic does, make the quantiles NaN
/// when a draw is NaN, and make the ESS, MCSE and R̂ NaN; constant draws give sd 0 and NaN ESS, MCSE and R̂.
/// </remarks>
public static class Summary
{
    /// <summary>Summarises the draws of one parameter.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static ParameterSummary Of(string name, ChainDraws draws)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sorted = draws.Values.ToArray();
        Array.Sort(sorted);
        return new ParameterSummary(
            name,
            SampleMoments.Mean(draws.Values),
            Math.Sqrt(SampleMoments.Variance(draws.Values)),
            MonteCarloStandardError.Mean(draws),
            Quantiles.Type7Sorted(sorted, 0.05),
            Quantiles.Type7Sorted(sorted, 0.5),
            Quantiles.Type7Sorted(sorted, 0.95),
            EffectiveSampleSize.Bulk(draws),
            EffectiveSampleSize.Tail(draws),
            Rhat.RankNormalized(draws));
    }

    /// <summary>
    /// Summarises every parameter of draws laid out row-major over [chain, draw, parameter] (one row per draw,
    /// as a sampler records them and a CmdStan CSV stores them).
    /// </summary>
    /// <param name="names">One name per parameter; its count is the number of parameters.</param>
    /// <param name="draws">chains × drawsPerChain × names.Count values.</param>
    /// <param name="chains">The number of chains (at least 1).</param>
    /// <param name="drawsPerChain">The number of draws per chain (at least 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> is null.</exception>
    /// <exception cref="ArgumentException">The number of values does not match the counts.</exception>
    public static IReadOnlyList<ParameterSummary> Of(
        IReadOnlyList<string> names, ReadOnlySpan<double> draws, int chains, int drawsPerChain)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfLessThan(chains, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(drawsPerChain, 1);
        int p = names.Count;
        long expected = (long)chains * drawsPerChain * p;
        if (draws.Length != expected)
            throw new ArgumentException(
                $"Expected {chains} chains × {drawsPerChain} draws × {p} parameters = {expected} values, got {draws.Length}.",
                nameof(draws));
        int total = chains * drawsPerChain;
        var column = new double[total];
        var rows = new ParameterSummary[p];
        for (int j = 0; j < p; j++)
        {
            for (int i = 0; i < total; i++) column[i] = draws[i * p + j];
            rows[j] = Of(names[j], new ChainDraws(column, chains, drawsPerChain));
        }
        return rows;
    }
}
