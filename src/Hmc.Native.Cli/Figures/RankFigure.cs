using ScottPlot;

namespace Hmc.Native.Cli.Figures;

/// <summary>Draws a <see cref="RankData"/>: one rank histogram per chain with the uniform expectation as a dashed line.</summary>
public static class RankFigure
{
    /// <summary>
    /// Writes the rank plot as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels: a grid of
    /// ⌈√C⌉ columns of panels, one per chain, each with the chain's rank counts as bars and its expected count n_c / B dashed; the
    /// panels share the axes so their heights compare.
    /// </summary>
    /// <exception cref="ArgumentException">No chains, an empty path, or a size below one pixel.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(RankData data, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Counts.Count == 0) throw new ArgumentException("The rank plot has no chains.", nameof(data));
        FigureCanvas.ValidateTarget(path, width, height);
        double top = 1.15 * Math.Max(data.Counts.SelectMany(c => c).DefaultIfEmpty(0).Max(), data.ExpectedCounts.Max());
        if (!(top > 0)) top = 1;
        var plots = new List<Plot>(data.Counts.Count);
        for (int c = 0; c < data.Counts.Count; c++)
        {
            var plot = new Plot();
            var color = FigureCanvas.SeriesColor(c);
            var bars = new List<Bar>(data.Counts[c].Length);
            for (int b = 0; b < data.Counts[c].Length; b++)
            {
                bars.Add(new Bar
                {
                    Position = 0.5 * (data.BinEdges[b] + data.BinEdges[b + 1]),
                    Value = data.Counts[c][b],
                    Size = data.BinEdges[b + 1] - data.BinEdges[b],
                    FillColor = color.WithAlpha(0.7),
                    LineColor = Colors.White,
                    LineWidth = 1,
                });
            }
            plot.Add.Bars(bars);
            plot.Add.HorizontalLine(data.ExpectedCounts[c], 1.5f, Colors.Black, LinePattern.Dashed);
            plot.Axes.SetLimits(data.BinEdges[0], data.BinEdges[^1], 0, top);
            plot.Title($"{data.Parameter}: chain {c + 1}");
            plot.XLabel("rank (all chains)");
            plot.YLabel("count");
            plots.Add(plot);
        }
        FigureCanvas.Save(plots, path, width, height, columns: (int)Math.Ceiling(Math.Sqrt(plots.Count)));
    }
}
