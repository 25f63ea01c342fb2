namespace Hmc.Native.Reporting;

/// <summary>
/// The contents of one CmdStan CSV file (one chain), as read by <see cref="CmdStanCsvReader"/>: the columns by
/// name, the settings from the <c># key = value</c> comments above the header, and the adaptation results.
/// </summary>
public sealed class CmdStanCsv
{
    private readonly double[][] _columns;
    private readonly Dictionary<string, int> _index;

    internal CmdStanCsv(
        IReadOnlyList<string> columnNames, double[][] columns, IReadOnlyDictionary<string, string> settings,
        double? stepSize, double[]? inverseMetricDiagonal, double[,]? inverseMetric)
    {
        ColumnNames = columnNames;
        _columns = columns;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columnNames.Count; i++) _index[columnNames[i]] = i;
        Settings = settings;
        StepSize = stepSize;
        InverseMetricDiagonal = inverseMetricDiagonal;
        InverseMetric = inverseMetric;
        var parameters = new List<string>();
        foreach (var name in columnNames)
        {
            if (!name.EndsWith("__", StringComparison.Ordinal)) parameters.Add(name);
        }
        ParameterNames = parameters;
    }

    /// <summary>All column names in file order (sampler columns ending in <c>__</c>, then parameters).</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The names of the columns that do not end in <c>__</c>: the model's parameters.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The number of data rows (draws).</summary>
    public int DrawCount => _columns.Length == 0 ? 0 : _columns[0].Length;

    /// <summary>
    /// The <c># key = value</c> comment lines that precede the header, keys and values trimmed and a trailing
    /// <c>(Default)</c> removed; a repeated key keeps its last value.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The adapted step size from <c># Step size = h</c>, or null when the file has none.</summary>
    public double? StepSize { get; }

    /// <summary>The diagonal of M⁻¹: the line after <c># Diagonal elements of inverse mass matrix:</c> (<c>diag_e</c>), or the
    /// diagonal of <see cref="InverseMetric"/> (<c>dense_e</c>); null when the file has neither.</summary>
    public IReadOnlyList<double>? InverseMetricDiagonal { get; }

    /// <summary>The dense M⁻¹ from the lines after <c># Elements of inverse mass matrix:</c> (<c>dense_e</c>), or null.</summary>
    public double[,]? InverseMetric { get; }

    /// <summary>Whether a column of this name exists.</summary>
    public bool HasColumn(string name) => _index.ContainsKey(name);

    /// <summary>The values of the named column, one per draw.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public ReadOnlySpan<double> Column(string name) =>
        _index.TryGetValue(name, out int i)
            ? _columns[i]
            : throw new KeyNotFoundException($"The CSV has no column '{name}'; columns: {string.Join(", ", ColumnNames)}.");

    /// <summary>The values of column <paramref name="index"/> (0-based, in <see cref="ColumnNames"/> order).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such column.</exception>
    public ReadOnlySpan<double> Column(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _columns.Length);
        return _columns[index];
    }
}
