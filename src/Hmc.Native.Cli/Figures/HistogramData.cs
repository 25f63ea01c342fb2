using Hmc.Native.Cli.Targets;

namespace Hmc.Native.Cli.Figures;

/// <summary>One sampler's histogram over the bins of a <see cref="HistogramData"/>.</summary>
/// <param name="Label">The legend entry (the sampler's name and, when computed, the divergence).</param>
/// <param name="ColorIndex">The sampler's position in the figure's sampler list, which picks its colour.</param>
/// <param name="Counts">The number of draws in each bin.</param>
/// <param name="Density">Counts[b] / (InRange · width_b): the histogram as a density over the binned range.</param>
/// <param name="InRange">The draws that fell in a bin (the sum of <paramref name="Counts"/>).</param>
/// <param name="Total">All draws, including NaN and those outside the range.</param>
/// <param name="Divergence">The divergence from the reference density (NaN when not computed or no draw is in range).</param>
public sealed record HistogramSeries(string Label, int ColorIndex, int[] Counts, double[] Density, int InRange, int Total, double Divergence);

/// <summary>
/// Histograms of one coordinate, one per sampler, over shared bins, with a reference density curve drawn over each
/// (rendered by <see cref="HistogramFigure"/>).
/// </summary>
/// <param name="XLabel">The name of the coordinate.</param>
/// <param name="BinEdges">The B + 1 increasing bin edges; bin b is [e_b, e_{b+1}), the last bin also holds e_B.</param>
/// <param name="Series">One histogram per sampler.</param>
/// <param name="CurveX">Abscissae of the reference density.</param>
/// <param name="CurveY">The reference density at <paramref name="CurveX"/>.</param>
/// <param name="CurveLabel">The reference density's legend entry.</param>
public sealed record HistogramData(
    string XLabel, double[] BinEdges, IReadOnlyList<HistogramSeries> Series, double[] CurveX, double[] CurveY, string CurveLabel)
{
    /// <summary>The number of points at which the reference density is evaluated.</summary>
    public const int CurvePoints = 201;

    /// <summary>
    /// Histograms of coordinate <paramref name="coordinate"/> of each sampler's draws over <paramref name="bins"/>
    /// equal bins on [<paramref name="low"/>, <paramref name="high"/>]. Draws outside the range and NaN are left
    /// out of the counts (but counted in <see cref="HistogramSeries.Total"/>); a draw equal to
    /// <paramref name="high"/> goes to the last bin. The reference density is evaluated at
    /// <see cref="CurvePoints"/> equally spaced points of the range.
    /// </summary>
    /// <param name="samplers">The samplers' draws (at least one).</param>
    /// <param name="coordinate">Which coordinate of each draw (0-based).</param>
    /// <param name="xLabel">The coordinate's name.</param>
    /// <param name="low">The left edge (finite).</param>
    /// <param name="high">The right edge (finite, above <paramref name="low"/>).</param>
    /// <param name="bins">The number of bins (at least 1).</param>
    /// <param name="density">The reference density.</param>
    /// <param name="curveLabel">The reference density's legend entry.</param>
    /// <param name="divergence">Given a sampler's non-NaN values of the coordinate, its divergence from the reference
    /// (shown in the legend as "KL = …"); null for none.</param>
    /// <exception cref="ArgumentException">No samplers, a bad range or bin count, or a draw without the coordinate.</exception>
    public static HistogramData Create(
        IReadOnlyList<LabelledDraws> samplers, int coordinate, string xLabel, double low, double high, int bins,
        Func<double, double> density, string curveLabel, Func<IReadOnlyList<double>, double>? divergence)
    {
        LabelledDraws.Validate(samplers, nameof(samplers));
        ArgumentNullException.ThrowIfNull(density);
        if (!double.IsFinite(low) || !double.IsFinite(high) || !(high > low))
            throw new ArgumentException($"The histogram range must be finite with low < high; got [{low}, {high}].", nameof(high));
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        double width = (high - low) / bins;
        var edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) edges[b] = low + b * width;
        edges[bins] = high;
        var series = new HistogramSeries[samplers.Count];
        for (int s = 0; s < samplers.Count; s++)
        {
            var values = samplers[s].Coordinate(coordinate);
            var counts = new int[bins];
            int inRange = 0;
            foreach (double x in values)
            {
                if (double.IsNaN(x) || x < low || x > high) continue;
                counts[Math.Min(bins - 1, (int)((x - low) / width))]++;
                inRange++;
            }
            var binDensity = new double[bins];
            for (int b = 0; b < bins && inRange > 0; b++) binDensity[b] = counts[b] / (inRange * (edges[b + 1] - edges[b]));
            double d = divergence is null ? double.NaN : divergence(values.Where(x => !double.IsNaN(x)).ToArray());
            string label = divergence is null ? samplers[s].Label : $"{samplers[s].Label} (KL = {d:F4})";
            series[s] = new HistogramSeries(label, s, counts, binDensity, inRange, values.Length, d);
        }
        var curveX = new double[CurvePoints];
        var curveY = new double[CurvePoints];
        for (int i = 0; i < CurvePoints; i++)
        {
            curveX[i] = low + (high - low) * i / (CurvePoints - 1);
            curveY[i] = density(curveX[i]);
        }
        return new HistogramData(xLabel, edges, series, curveX, curveY, curveLabel);
    }

    /// <summary>
    /// The funnel's v marginal (coordinate 0) for each sampler: 20 bins on [−9, 9] (the bins of
    /// <see cref="FunnelTarget.KlOfV"/>), the N(0, 3²) density, and KL(histogram ‖ N(0, 3²)) from
    /// <see cref="FunnelTarget.KlOfV"/> in each legend entry.
    /// </summary>
    /// <exception cref="ArgumentException">No samplers, or a draw without coordinate 0.</exception>
    public static HistogramData FunnelV(IReadOnlyList<LabelledDraws> samplers)
    {
        const double sd = FunnelTarget.VStandardDeviation;
        return Create(
            samplers, 0, "v", -3 * sd, 3 * sd, 20,
            v => Math.Exp(-0.5 * (v / sd) * (v / sd)) / (sd * Math.Sqrt(2 * Math.PI)),
            "N(0, 3^2) density", FunnelTarget.KlOfV);
    }
}
