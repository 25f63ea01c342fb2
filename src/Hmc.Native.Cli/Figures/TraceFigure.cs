using ScottPlot;

namespace Hmc.Native.Cli.Figures;

/// <summary>Draws a <see cref="TraceData"/>: each chain's draws against the draw number, one colour per chain.</summary>
public static class TraceFigure
{
    /// <summary>
    /// Writes the trace plot as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels. The vertical
    /// limits cover the finite draws (NaN and ±∞ are not drawn).
    /// </summary>
    /// <exception cref="ArgumentException">No chains, an empty chain, an empty path, or a size below one pixel.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(TraceData data, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(data);
        TraceData.ValidateChains(data.Chains, nameof(data));
        FigureCanvas.ValidateTarget(path, width, height);
        var plot = new Plot();
        for (int c = 0; c < data.Chains.Count; c++)
        {
            var line = plot.Add.Signal(data.Chains[c], 1, FigureCanvas.SeriesColor(c).WithAlpha(0.8));
            line.Data.XOffset = 1;
            line.LegendText = $"chain {c + 1}";
        }
        var (bottom, top) = FigureCanvas.PaddedRange(data.Chains.SelectMany(c => c));
        plot.Axes.SetLimits(0.5, data.Chains.Max(c => c.Length) + 0.5, bottom, top);
        plot.Title($"Trace of {data.Parameter}");
        plot.XLabel("draw");
        plot.YLabel(data.Parameter);
        plot.ShowLegend(Alignment.UpperRight);
        FigureCanvas.Save(plot, path, width, height);
    }
}
