using ScottPlot;

namespace Hmc.Native.Cli.Figures;

/// <summary>Draws an <see cref="AccuracySeriesData"/>: per-sample and running posterior-mean validation accuracy against the sample number.</summary>
public static class AccuracyFigure
{
    /// <summary>
    /// Writes the figure as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels, with a legend for
    /// the two lines. The vertical limits cover the finite accuracies.
    /// </summary>
    /// <exception cref="ArgumentException">Empty series, an empty path, or a size below one pixel.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(AccuracySeriesData data, string path, int width, int height, string title = "MNIST validation accuracy")
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.SampleIndex.Length == 0) throw new ArgumentException("The accuracy series are empty.", nameof(data));
        FigureCanvas.ValidateTarget(path, width, height);
        var plot = new Plot();
        var perSample = plot.Add.ScatterLine(data.SampleIndex, data.PerSample, FigureCanvas.SeriesColor(0).WithAlpha(0.7));
        perSample.LegendText = "per sample";
        var running = plot.Add.ScatterLine(data.SampleIndex, data.RunningPosteriorMean, FigureCanvas.SeriesColor(1));
        running.LineWidth = 2;
        running.LegendText = "posterior predictive mean";
        var (bottom, top) = FigureCanvas.PaddedRange(data.PerSample.Concat(data.RunningPosteriorMean));
        plot.Axes.SetLimits(0.5, data.SampleIndex.Length + 0.5, bottom, top);
        plot.Title(title);
        plot.XLabel("sample");
        plot.YLabel("accuracy");
        plot.ShowLegend(Alignment.LowerRight);
        FigureCanvas.Save(plot, path, width, height);
    }
}
