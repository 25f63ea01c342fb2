using ScottPlot;

namespace Hmc.Native.Cli.Figures;

/// <summary>Draws a <see cref="ScatterPanelsData"/> as a grid of scatter panels, three to a row, with a legend in each.</summary>
public static class ScatterPanelsFigure
{
    /// <summary>
    /// Writes the figure as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels. Points are small
    /// translucent dots in the colour of their sampler; axis limits cover the finite points (NaN and ±∞ are not drawn).
    /// </summary>
    /// <exception cref="ArgumentException">No panels, an empty path, or a size below one pixel.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(ScatterPanelsData data, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Panels.Count == 0) throw new ArgumentException("The figure has no panels.", nameof(data));
        FigureCanvas.ValidateTarget(path, width, height);
        var shared = data.ShareAxes ? Limits(data.Panels) : default((double, double, double, double)?);
        var plots = new List<Plot>(data.Panels.Count);
        foreach (var panel in data.Panels)
        {
            var plot = new Plot();
            foreach (var series in panel.Series)
            {
                var markers = plot.Add.Markers(series.X, series.Y, MarkerShape.FilledCircle, 3, FigureCanvas.SeriesColor(series.ColorIndex).WithAlpha(0.5));
                markers.LegendText = series.Label;
            }
            plot.Title(panel.Title);
            plot.XLabel(panel.XLabel);
            plot.YLabel(panel.YLabel);
            var (left, right, bottom, top) = shared ?? Limits([panel]);
            plot.Axes.SetLimits(left, right, bottom, top);
            plot.ShowLegend(Alignment.UpperRight);
            plots.Add(plot);
        }
        FigureCanvas.Save(plots, path, width, height, columns: 3);
    }

    private static (double Left, double Right, double Bottom, double Top) Limits(IEnumerable<ScatterPanel> panels)
    {
        var series = panels.SelectMany(p => p.Series).ToList();
        var (left, right) = FigureCanvas.PaddedRange(series.SelectMany(s => s.X));
        var (bottom, top) = FigureCanvas.PaddedRange(series.SelectMany(s => s.Y));
        return (left, right, bottom, top);
    }
}
