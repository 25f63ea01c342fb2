namespace Hmc.Native.Reporting;

/// <summary>
/// Reads a CmdStan CSV file (as written by CmdStan or by <see cref="CmdStanCsvWriter"/>): the first line that
/// does not start with '#' is the column header, the other non-comment lines are draws. Comment lines are
/// skipped except for the settings above the header and the adaptation block.
/// </summary>
public static class CmdStanCsvReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">No header, a row with the wrong number of fields, or a field that is not a number;
    /// the message names the line.</exception>
    public static CmdStanCsv Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>.</summary>
    /// <exception cref="InvalidDataException">No header, a row with the wrong number of fields, or a field that is not a number;
    /// the message names the line.</exception>
    public static CmdStanCsv Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string[]? header = null;
        List<double>[] columns = [];
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        double? stepSize = null;
        double[]? inverseMetric = null;
        bool metricNext = false;
        List<double[]>? denseRows = null;
        int lineNumber = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.StartsWith('#'))
            {
                var comment = line.AsSpan(1).Trim();
                if (metricNext)
                {
                    metricNext = false;
                    inverseMetric = ParseList(comment, lineNumber);
                }
                else if (denseRows is not null && (denseRows.Count == 0 || denseRows.Count < denseRows[0].Length))
                {
                    denseRows.Add(ParseList(comment, lineNumber));
                }
                else if (comment.StartsWith("Diagonal elements of inverse mass matrix", StringComparison.Ordinal))
                {
                    metricNext = true;
                }
                else if (comment.StartsWith("Elements of inverse mass matrix", StringComparison.Ordinal))
                {
                    denseRows = [];
                }
                else if (comment.StartsWith("Step size", StringComparison.Ordinal))
                {
                    stepSize = ParseField(comment[(comment.IndexOf('=') + 1)..], lineNumber);
                }
                else if (header is null && comment.IndexOf('=') > 0)
                {
                    AddSetting(settings, comment);
                }
                continue;
            }
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',');
            if (header is null)
            {
                header = fields;
                for (int i = 0; i < header.Length; i++) header[i] = header[i].Trim();
                columns = new List<double>[header.Length];
                for (int i = 0; i < columns.Length; i++) columns[i] = [];
                continue;
            }
            if (fields.Length != header.Length)
                throw new InvalidDataException($"Line {lineNumber} has {fields.Length} fields; the header has {header.Length}.");
            for (int i = 0; i < fields.Length; i++) columns[i].Add(ParseField(fields[i], lineNumber));
        }
        if (header is null)
            throw new InvalidDataException("The CSV has no header line (every line is a comment or empty).");
        var arrays = new double[columns.Length][];
        for (int i = 0; i < columns.Length; i++) arrays[i] = [.. columns[i]];
        var dense = denseRows is null ? null : DenseMatrix(denseRows);
        return new CmdStanCsv(header, arrays, settings, stepSize, inverseMetric ?? Diagonal(dense), dense);
    }

    private static double[,]? DenseMatrix(List<double[]> rows)
    {
        int n = rows.Count;
        if (n == 0) return null;
        var matrix = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            if (rows[i].Length != n)
                throw new InvalidDataException($"Row {i + 1} of the inverse mass matrix has {rows[i].Length} entries; the matrix has {n} rows.");
            for (int j = 0; j < n; j++) matrix[i, j] = rows[i][j];
        }
        return matrix;
    }

    private static double[]? Diagonal(double[,]? matrix)
    {
        if (matrix is null) return null;
        var diagonal = new double[matrix.GetLength(0)];
        for (int i = 0; i < diagonal.Length; i++) diagonal[i] = matrix[i, i];
        return diagonal;
    }

    private static void AddSetting(Dictionary<string, string> settings, ReadOnlySpan<char> comment)
    {
        int equals = comment.IndexOf('=');
        var key = comment[..equals].Trim();
        var value = comment[(equals + 1)..].Trim();
        const string defaultMarker = "(Default)";
        if (value.EndsWith(defaultMarker, StringComparison.Ordinal)) value = value[..^defaultMarker.Length].TrimEnd();
        settings[key.ToString()] = value.ToString();
    }

    private static double[] ParseList(ReadOnlySpan<char> text, int lineNumber)
    {
        var values = new List<double>();
        foreach (var range in text.Split(','))
        {
            var field = text[range];
            if (field.Trim().IsEmpty) continue;
            values.Add(ParseField(field, lineNumber));
        }
        return [.. values];
    }

    private static double ParseField(ReadOnlySpan<char> field, int lineNumber) =>
        CmdStanNumber.TryParse(field, out double value)
            ? value
            : throw new InvalidDataException($"Line {lineNumber}: '{field.ToString()}' is not a number.");
}
