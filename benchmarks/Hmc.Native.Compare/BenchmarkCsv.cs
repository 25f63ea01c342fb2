using System.Globalization;

namespace Hmc.Native.Compare;

/// <summary>The mean time per operation of each method in a BenchmarkDotNet CSV report (its <c>Method</c> and <c>Mean</c> columns).</summary>
internal static class BenchmarkCsv
{
    /// <summary>Method name → mean seconds per operation; empty when the file does not exist.</summary>
    /// <exception cref="InvalidDataException">The file lacks the columns or a mean is not a number with a time unit.</exception>
    public static IReadOnlyDictionary<string, double> MeanSeconds(string path)
    {
        var result = new Dictionary<string, double>();
        if (!File.Exists(path)) return result;
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = Split(lines[0]);
        int method = Array.IndexOf(header, "Method"), mean = Array.IndexOf(header, "Mean");
        if (method < 0 || mean < 0) throw new InvalidDataException($"{path}: no Method and Mean columns.");
        foreach (var line in lines.Skip(1))
        {
            var cells = Split(line);
            result[cells[method]] = Seconds(cells[mean], path);
        }
        return result;
    }

    private static double Seconds(string text, string path)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double scale = parts.Length == 2 ? parts[1] switch { "ns" => 1e-9, "us" or "μs" => 1e-6, "ms" => 1e-3, "s" => 1, _ => double.NaN } : double.NaN;
        if (double.IsNaN(scale) || !double.TryParse(parts[0], NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out double value))
            throw new InvalidDataException($"{path}: '{text}' is not a time such as '1.5 ms'.");
        return value * scale;
    }

    /// <summary>Splits one CSV line on commas outside double quotes, removing the quotes.</summary>
    private static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells.ToArray();
    }
}
