using ScottPlot;

namespace Hmc.Native.Cli.Figures;

/// <summary>
/// What every renderer shares: the series colours, finite axis limits, and writing one panel or a grid of panels
/// to a PNG of a given size (ScottPlot 5 drawing with SkiaSharp, no display needed).
/// </summary>
internal static class FigureCanvas
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>The colour of series <paramref name="index"/> (the Category10 palette, repeating after ten).</summary>
    public static Color SeriesColor(int index) => Palette.GetColor(index);

    /// <summary>Checks the requested PNG size and that the path is usable.</summary>
    public static void ValidateTarget(string path, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
    }

    /// <summary>
    /// Writes <paramref name="panels"/> as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels,
    /// in a grid of <paramref name="columns"/> columns (clamped to 1..n) filled row by row.
    /// </summary>
    public static void Save(IReadOnlyList<Plot> panels, string path, int width, int height, int columns)
    {
        ValidateTarget(path, width, height);
        if (panels.Count == 1)
        {
            Save(panels[0], path, width, height);
            return;
        }
        columns = Math.Clamp(columns, 1, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        var figure = new Multiplot(panels[0]);
        for (int i = 1; i < panels.Count; i++) figure.AddPlot(panels[i]);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        figure.SavePng(path, width, height);
    }

    /// <summary>Writes one panel as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static void Save(Plot panel, string path, int width, int height)
    {
        ValidateTarget(path, width, height);
        panel.SavePng(path, width, height);
    }

    /// <summary>
    /// The smallest and largest finite values of <paramref name="values"/> widened by 5% of the range on each side
    /// (±0.5 about a single value); (−1, 1) when none is finite. NaN and ±∞ are ignored, so they never break the axes.
    /// </summary>
    public static (double Min, double Max) PaddedRange(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (min > max) return (-1, 1);
        if (min == max) return (min - 0.5, max + 0.5);
        double pad = 0.05 * (max - min);
        return (min - pad, max + pad);
    }
}
