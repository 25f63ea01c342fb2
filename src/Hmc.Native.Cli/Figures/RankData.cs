using Hmc.Native.Diagnostics;

namespace Hmc.Native.Cli.Figures;

/// <summary>
/// A rank plot's data (Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner 2021, "Rank-normalization, folding, and
/// localization: an improved R̂ for assessing convergence of MCMC", Bayesian Analysis 16(2), section 4.2): the draws
/// of all chains are ranked together, and each chain's ranks are binned. When the chains have mixed, every chain's
/// ranks are uniform on 1..S and its histogram is flat at <see cref="ExpectedCounts"/>; a chain stuck in one region
/// shows as a tilted or humped histogram. Drawn by <see cref="RankFigure"/>.
/// </summary>
/// <param name="Parameter">The parameter name.</param>
/// <param name="Ranks">Each draw's 1-based rank among the S pooled draws, <c>[chain][draw]</c>; ties share the average
/// rank (<see cref="RankNormalization.AverageRanks(ReadOnlySpan{double}, Span{double})"/>); NaN draws have NaN rank.</param>
/// <param name="BinEdges">The B + 1 edges on the rank scale, equally spaced on [0.5, S + 0.5].</param>
/// <param name="Counts">The number of each chain's ranks in each bin, <c>[chain][bin]</c>; NaN ranks are not counted.</param>
/// <param name="ExpectedCounts">Each chain's count per bin under uniform ranks: n_c / B for a chain of n_c draws.</param>
public sealed record RankData(string Parameter, IReadOnlyList<double[]> Ranks, double[] BinEdges, IReadOnlyList<int[]> Counts, double[] ExpectedCounts)
{
    /// <summary>The default number of bins.</summary>
    public const int DefaultBins = 20;

    /// <summary>
    /// Ranks the pooled draws of <paramref name="chains"/> and bins each chain's ranks into
    /// min(<paramref name="bins"/>, S) equal bins of [0.5, S + 0.5]: rank r goes to bin ⌊(r − ½)·B/S⌋, so each bin
    /// covers S/B ranks.
    /// </summary>
    /// <param name="parameter">The parameter name.</param>
    /// <param name="chains">The draws of each chain, <c>[chain][draw]</c>; chains may differ in length.</param>
    /// <param name="bins">The number of bins B (at least 1).</param>
    /// <exception cref="ArgumentException">No chains, or a null or empty chain.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 1.</exception>
    public static RankData Create(string parameter, IReadOnlyList<double[]> chains, int bins = DefaultBins)
    {
        TraceData.ValidateChains(chains, nameof(chains));
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var pooled = chains.SelectMany(c => c).ToArray();
        int total = pooled.Length;
        var pooledRanks = new double[total];
        RankNormalization.AverageRanks(pooled, pooledRanks);
        bins = Math.Min(bins, total);
        var edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) edges[b] = 0.5 + (double)total * b / bins;
        var ranks = new double[chains.Count][];
        var counts = new int[chains.Count][];
        var expected = new double[chains.Count];
        int offset = 0;
        for (int c = 0; c < chains.Count; c++)
        {
            ranks[c] = pooledRanks.AsSpan(offset, chains[c].Length).ToArray();
            offset += chains[c].Length;
            counts[c] = new int[bins];
            foreach (double r in ranks[c])
            {
                if (double.IsNaN(r)) continue;
                counts[c][Math.Min(bins - 1, (int)((r - 0.5) * bins / total))]++;
            }
            expected[c] = (double)chains[c].Length / bins;
        }
        return new RankData(parameter, ranks, edges, counts, expected);
    }
}
