using System.Globalization;
using System.Text;

namespace Hmc.Native.Diagnostics;

/// <summary>
/// Formats <see cref="ParameterSummary"/> rows as a plain-text table in the style of CmdStan's
/// <c>stansummary</c>: one row per parameter, columns Mean, MCSE, StdDev, 5%, 50%, 95%, ESS_bulk, ESS_tail, R_hat.
/// </summary>
public static class SummaryTable
{
    private static readonly string[] Headers = ["Mean", "MCSE", "StdDev", "5%", "50%", "95%", "ESS_bulk", "ESS_tail", "R_hat"];

    /// <summary>
    /// Returns the table, each line ending in '\n'. Statistics are printed with
    /// <paramref name="significantFigures"/> significant figures (values of that many integer digits or more
    /// are rounded to integers), ESS rounded to integers, R̂ with two decimals (from 100 on, as 1.23e+14: a column
    /// constant within each chain but not across chains, such as <c>stepsize__</c>, has an enormous R̂); NaN prints as <c>nan</c> and
    /// infinities as <c>inf</c>/<c>-inf</c>, as CmdStan does. Invariant culture throughout.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="significantFigures"/> is not in 1 … 17.</exception>
    public static string Format(IReadOnlyList<ParameterSummary> summaries, int significantFigures = 3)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        return FormatBlocks([summaries], significantFigures);
    }

    /// <summary>
    /// Returns one table of several blocks of rows that share the columns, a blank line between blocks, as stansummary
    /// sets the sampler's rows (<c>lp__</c>, <c>accept_stat__</c>, …) apart from the parameters; numbers as in
    /// <see cref="Format(IReadOnlyList{ParameterSummary}, int)"/>. Empty blocks are left out.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="blocks"/> or one of them is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="significantFigures"/> is not in 1 … 17.</exception>
    public static string FormatBlocks(IReadOnlyList<IReadOnlyList<ParameterSummary>> blocks, int significantFigures = 3)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentOutOfRangeException.ThrowIfLessThan(significantFigures, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantFigures, 17);

        var cells = new List<string[][]>(blocks.Count);
        foreach (var block in blocks)
        {
            ArgumentNullException.ThrowIfNull(block, nameof(blocks));
            if (block.Count > 0) cells.Add([.. block.Select(s => Cells(s, significantFigures))]);
        }

        int nameWidth = 0;
        var widths = new int[Headers.Length];
        for (int c = 0; c < Headers.Length; c++) widths[c] = Headers[c].Length;
        foreach (var row in cells.SelectMany(b => b))
        {
            nameWidth = Math.Max(nameWidth, row[0].Length);
            for (int c = 0; c < Headers.Length; c++) widths[c] = Math.Max(widths[c], row[c + 1].Length);
        }

        var text = new StringBuilder();
        text.Append(' ', nameWidth);
        for (int c = 0; c < Headers.Length; c++) text.Append("  ").Append(Headers[c].PadLeft(widths[c]));
        text.Append('\n');
        foreach (var block in cells)
        {
            text.Append('\n');
            foreach (var row in block)
            {
                text.Append(row[0].PadRight(nameWidth));
                for (int c = 0; c < Headers.Length; c++) text.Append("  ").Append(row[c + 1].PadLeft(widths[c]));
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    private static string[] Cells(ParameterSummary s, int significantFigures) =>
    [
        s.Name,
        Significant(s.Mean, significantFigures),
        Significant(s.McseMean, significantFigures),
        Significant(s.StandardDeviation, significantFigures),
        Significant(s.Q5, significantFigures),
        Significant(s.Median, significantFigures),
        Significant(s.Q95, significantFigures),
        Fixed(s.EssBulk, 0),
        Fixed(s.EssTail, 0),
        double.IsFinite(s.Rhat) && s.Rhat >= 100 ? s.Rhat.ToString("0.##e+0", CultureInfo.InvariantCulture) : Fixed(s.Rhat, 2),
    ];

    private static string Significant(double value, int figures)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        if (value != 0 && Math.Abs(value) >= Math.Pow(10, figures - 1))
            return value.ToString("F0", CultureInfo.InvariantCulture);
        return value.ToString("G" + figures.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            .Replace("E", "e", StringComparison.Ordinal);
    }

    private static string Fixed(double value, int decimals) =>
        double.IsFinite(value)
            ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : NonFinite(value);

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
}
