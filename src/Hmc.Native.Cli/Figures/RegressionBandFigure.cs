using ScottPlot;

namespace Hmc.Native.Cli.Figures;

/// <summary>Draws a <see cref="RegressionBandData"/>: the data, the predictive mean and the ±2σ band.</summary>
public static class RegressionBandFigure
{
    /// <summary>Writes the figure as a PNG of the given size.</summary>
    public static void Save(RegressionBandData data, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(data);
        FigureCanvas.ValidateTarget(path, width, height);
        var plot = new Plot();
        var band = plot.Add.FillY(data.GridX, data.Upper, data.Lower);
        band.FillColor = FigureCanvas.SeriesColor(0).WithAlpha(0.25);
        band.LegendText = "±2σ";
        var mean = plot.Add.ScatterLine(data.GridX, data.Mean, FigureCanvas.SeriesColor(0));
        mean.LineWidth = 2;
        mean.LegendText = "predictive mean";
        var points = plot.Add.ScatterPoints(data.DataX, data.DataY, FigureCanvas.SeriesColor(1));
        points.LegendText = "data";
        plot.Title("1-50-1 tanh network, posterior predictive");
        plot.XLabel("x");
        plot.YLabel("y");
        plot.ShowLegend(Alignment.UpperRight);
        FigureCanvas.Save(plot, path, width, height);
    }
}
