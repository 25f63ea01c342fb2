using System.Globalization;
using Hmc.Native.Diagnostics;

namespace Hmc.Native.Compare;

/// <summary>A single chain's draws as CSV (a header row, then one draw per line, one column per parameter).</summary>
internal static class DrawsCsv
{
    /// <summary>The smallest bulk ESS (Vehtari et al. 2021, as <see cref="EffectiveSampleSize.Bulk"/>) over the columns.</summary>
    public static double MinBulkEss(string path)
    {
        var rows = File.ReadLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        if (rows.Length < 4) throw new InvalidDataException($"{path}: {rows.Length} draws; at least 4 are needed for an ESS.");
        int columns = rows[0].Length;
        double min = double.PositiveInfinity;
        for (int c = 0; c < columns; c++)
        {
            var column = rows.Select(r => r[c]).ToArray();
            min = Math.Min(min, EffectiveSampleSize.Bulk(new ChainDraws(column, 1, column.Length)));
        }
        return min;
    }
}
