namespace Hmc.Native.Cli.Figures;

/// <summary>One sampler's points in one scatter panel.</summary>
/// <param name="Label">The sampler's name (the legend entry).</param>
/// <param name="ColorIndex">The sampler's position in the figure's sampler list, which picks its colour in every panel.</param>
/// <param name="X">The horizontal coordinates, one per draw.</param>
/// <param name="Y">The vertical coordinates, one per draw.</param>
public sealed record ScatterSeries(string Label, int ColorIndex, double[] X, double[] Y);

/// <summary>One panel of a scatter figure.</summary>
/// <param name="Title">The panel title.</param>
/// <param name="XLabel">The horizontal axis label.</param>
/// <param name="YLabel">The vertical axis label.</param>
/// <param name="Series">The point sets drawn in the panel, each with its own colour.</param>
public sealed record ScatterPanel(string Title, string XLabel, string YLabel, IReadOnlyList<ScatterSeries> Series);

/// <summary>
/// A figure of 2-D scatter panels of draws, one colour per sampler, laid out in a grid by
/// <see cref="ScatterPanelsFigure"/>.
/// </summary>
/// <param name="Panels">The panels, in reading order.</param>
/// <param name="ShareAxes">When true every panel gets the same axis limits (the union of the finite points), so panels compare directly.</param>
public sealed record ScatterPanelsData(IReadOnlyList<ScatterPanel> Panels, bool ShareAxes)
{
    /// <summary>
    /// Pairwise panels: for each pair (i, j) of <paramref name="pairs"/> one panel with coordinate i across and
    /// coordinate j up, every sampler overlaid in its own colour.
    /// </summary>
    /// <param name="samplers">The samplers' draws (at least one).</param>
    /// <param name="names">The coordinate names, used for axis labels and panel titles.</param>
    /// <param name="pairs">The coordinate pairs (0-based), one panel each.</param>
    /// <exception cref="ArgumentException">No samplers or pairs, a pair index outside <paramref name="names"/>, or a draw without that coordinate.</exception>
    public static ScatterPanelsData Pairwise(IReadOnlyList<LabelledDraws> samplers, IReadOnlyList<string> names, IReadOnlyList<(int X, int Y)> pairs)
    {
        LabelledDraws.Validate(samplers, nameof(samplers));
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) throw new ArgumentException("At least one coordinate pair is needed.", nameof(pairs));
        var panels = new List<ScatterPanel>(pairs.Count);
        foreach (var (x, y) in pairs)
        {
            if (x < 0 || x >= names.Count || y < 0 || y >= names.Count)
                throw new ArgumentException($"The pair ({x}, {y}) names a coordinate outside 0..{names.Count - 1}.", nameof(pairs));
            var series = new ScatterSeries[samplers.Count];
            for (int s = 0; s < samplers.Count; s++)
                series[s] = new ScatterSeries(samplers[s].Label, s, samplers[s].Coordinate(x), samplers[s].Coordinate(y));
            panels.Add(new ScatterPanel($"{names[y]} against {names[x]}", names[x], names[y], series));
        }
        return new ScatterPanelsData(panels, ShareAxes: false);
    }

    /// <summary>
    /// The 3-D Gaussian figure: panels x1–x2, x1–x3 and x2–x3 of the first three coordinates, every sampler
    /// overlaid in its own colour.
    /// </summary>
    /// <exception cref="ArgumentException">No samplers, or a draw with fewer than three coordinates.</exception>
    public static ScatterPanelsData Gaussian3D(IReadOnlyList<LabelledDraws> samplers) =>
        Pairwise(samplers, ["x1", "x2", "x3"], [(0, 1), (0, 2), (1, 2)]);

    /// <summary>
    /// The funnel figure: one panel per sampler of v (coordinate 0, up) against x_1 (coordinate 1, across), all
    /// panels on the same axes so the funnel's neck and mouth compare between samplers.
    /// </summary>
    /// <exception cref="ArgumentException">No samplers, or a draw with fewer than two coordinates.</exception>
    public static ScatterPanelsData Funnel(IReadOnlyList<LabelledDraws> samplers)
    {
        LabelledDraws.Validate(samplers, nameof(samplers));
        var panels = new ScatterPanel[samplers.Count];
        for (int s = 0; s < samplers.Count; s++)
        {
            var series = new ScatterSeries(samplers[s].Label, s, samplers[s].Coordinate(1), samplers[s].Coordinate(0));
            panels[s] = new ScatterPanel(samplers[s].Label, "x_1", "v", [series]);
        }
        return new ScatterPanelsData(panels, ShareAxes: true);
    }
}
