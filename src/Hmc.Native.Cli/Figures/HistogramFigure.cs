using ScottPlot;

namespace Hmc.Native.Cli.Figures;

/// <summary>Draws a <see cref="HistogramData"/>: one panel per sampler with its density histogram and the reference curve.</summary>
public static class HistogramFigure
{
    /// <summary>
    /// Writes the figure as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels: in each panel the
    /// bars show <see cref="HistogramSeries.Density"/> over the bins, the black line the reference density, and the
    /// legend the sampler (with its divergence) and the reference. Panels go three to a row and share the axes.
    /// </summary>
    /// <exception cref="ArgumentException">No series, an empty path, or a size below one pixel.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(HistogramData data, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Series.Count == 0) throw new ArgumentException("The figure has no histograms.", nameof(data));
        FigureCanvas.ValidateTarget(path, width, height);
        double top = 1.1 * data.Series.SelectMany(s => s.Density).Concat(data.CurveY).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        if (!(top > 0)) top = 1;
        var plots = new List<Plot>(data.Series.Count);
        foreach (var series in data.Series)
        {
            var plot = new Plot();
            var color = FigureCanvas.SeriesColor(series.ColorIndex);
            var bars = new List<Bar>(series.Density.Length);
            for (int b = 0; b < series.Density.Length; b++)
            {
                bars.Add(new Bar
                {
                    Position = 0.5 * (data.BinEdges[b] + data.BinEdges[b + 1]),
                    Value = series.Density[b],
                    Size = data.BinEdges[b + 1] - data.BinEdges[b],
                    FillColor = color.WithAlpha(0.6),
                    LineWidth = 0,
                });
            }
            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = series.Label;
            var curve = plot.Add.ScatterLine(data.CurveX, data.CurveY, Colors.Black);
            curve.LineWidth = 2;
            curve.LegendText = data.CurveLabel;
            plot.XLabel(data.XLabel);
            plot.YLabel("density");
            plot.Axes.SetLimits(data.BinEdges[0], data.BinEdges[^1], 0, top);
            plot.ShowLegend(Alignment.UpperRight);
            plots.Add(plot);
        }
        FigureCanvas.Save(plots, path, width, height, columns: 3);
    }
}
