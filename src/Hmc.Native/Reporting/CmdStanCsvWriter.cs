using System.Globalization;
using Hmc.Native.Metrics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Reporting;

/// <summary>
/// Writes MCMC draws as they come to a CSV file in CmdStan's layout (the Stan CSV format), which ArviZ's
/// <c>from_cmdstan</c>, cmdstanr's <c>read_cmdstan_csv</c> and CmdStan's <c>stansummary</c> read.
/// </summary>
/// <remarks>
/// <para>The layout, in file order:</para>
/// <list type="number">
/// <item>the run's settings as comment lines, laid out as CmdStan 2.3x lists its arguments (nested sections
/// indented by two spaces per level; <see cref="LaidOutSettings"/>): <c>model</c>, <c>method</c>, then under
/// <c>sample</c> the keys <c>num_samples</c>, <c>num_warmup</c>, <c>save_warmup</c>, <c>thin</c>, an <c>adapt</c> section
/// (<c>engaged</c>, <c>delta</c>), <c>algorithm</c> and under it <c>engine</c> (with <c>max_depth</c> in the engine's
/// section), <c>metric</c>, <c>stepsize</c>, <c>stepsize_jitter</c>, then <c>num_chains</c>, <c>id</c> and a
/// <c>random</c> section with <c>seed</c>. The keys <c>model</c>, <c>method</c>, <c>save_warmup</c>, <c>thin</c>,
/// <c>algorithm</c>, <c>engine</c>, <c>metric</c> and <c>id</c> are always written (defaults <c>model</c>,
/// <c>sample</c>, <c>0</c>, <c>1</c>, <c>hmc</c>, <c>nuts</c>, <c>diag_e</c>, <c>1</c>), the others when given; any
/// further setting follows as a top-level <c># key = value</c> line, in the order given. ArviZ's <c>from_cmdstan</c>
/// also needs <c>num_samples</c> and <c>num_warmup</c>, cmdstanpy's <c>from_csv</c> those and <c>method</c>, and rstan's
/// <c>read_stan_csv</c> reads <c>id</c> as the chain id.</item>
/// <item>the column header <c>lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__</c>,
/// then <c>invalid__</c> and, for implicit integrators, <see cref="FixedPointColumns"/>, followed by the parameter
/// names (CmdStan writes vector elements as <c>theta.1, theta.2, …</c> and matrix elements as <c>L.i.j</c>, column-major).
/// ArviZ, cmdstanpy and posterior take every column ending in <c>__</c> for a sampler statistic; rstan's
/// <c>read_stan_csv</c> knows only CmdStan's seven and reads <c>invalid__</c> and the fixed-point columns as parameters.</item>
/// <item>after warm-up, <see cref="WriteAdaptation(double, IEuclideanMetric?)"/>'s block: <c># Adaptation terminated</c>,
/// <c># Step size = h</c>, then the inverse metric as CmdStan writes it for <c>unit_e</c>, <c>diag_e</c>
/// (<c># Diagonal elements of inverse mass matrix:</c> and <c># m_1, m_2, …</c>) or <c>dense_e</c>
/// (<c># Elements of inverse mass matrix:</c> and one <c>#</c> line per row).</item>
/// <item>one row per draw (<see cref="WriteDraw"/>): doubles in invariant culture with shortest round-trip
/// digits, NaN and infinities as <c>nan</c>, <c>inf</c>, <c>-inf</c>, integers for tree depth and
/// leapfrog steps, 0/1 for divergence.</item>
/// <item>optionally <see cref="WriteElapsedTime"/>'s <c># Elapsed Time:</c> block.</item>
/// </list>
/// <para>Rows are flushed to the underlying writer every <c>flushInterval</c> draws and by
/// <see cref="Flush"/> and <see cref="Dispose"/>, so a file can be read while a long run goes on.
/// Not thread-safe: give each chain its own writer and file.</para>
/// </remarks>
public sealed class CmdStanCsvWriter : IDisposable
{
    /// <summary>The sampler columns that precede the parameters: CmdStan's seven in its order, then <c>invalid__</c>
    /// (<see cref="DrawStatistics.Invalid"/>, 0 or 1).</summary>
    public static IReadOnlyList<string> SamplerColumns => DrawStatistics.ColumnNames;

    /// <summary>The columns of an implicit integrator's fixed-point solves, written after <see cref="SamplerColumns"/> when
    /// the writer is created with <c>fixedPointColumns</c>: <see cref="DrawStatistics.FixedPointIterations"/>,
    /// <see cref="DrawStatistics.FixedPointResidual"/> and <see cref="DrawStatistics.FixedPointFailed"/> (0 or 1).</summary>
    public static IReadOnlyList<string> FixedPointColumns { get; } =
        ["fixed_point_iterations__", "fixed_point_residual__", "fixed_point_failed__"];

    /// <summary>The settings written at their place in CmdStan's nested argument listing; any other setting follows as a
    /// top-level <c># key = value</c> line.</summary>
    public static IReadOnlySet<string> LaidOutSettings { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "model", "method", "num_samples", "num_warmup", "save_warmup", "thin", "engaged", "delta", "algorithm", "engine",
        "max_depth", "metric", "stepsize", "stepsize_jitter", "num_chains", "id", "seed",
    };

    private readonly TextWriter _output;
    private readonly bool _ownsOutput;
    private readonly int _flushInterval;
    private readonly bool _fixedPointColumns;
    private readonly char[] _number = new char[CmdStanNumber.MaxLength];
    private bool _adaptationWritten;
    private bool _disposed;

    /// <summary>Starts a CSV on <paramref name="output"/>, which stays open after <see cref="Dispose"/>.</summary>
    /// <param name="output">Where the CSV goes.</param>
    /// <param name="parameterNames">The parameter column names, e.g. <see cref="DefaultParameterNames"/>.</param>
    /// <param name="settings">Settings written as <c># key = value</c> comment lines (see the remarks); null for none.</param>
    /// <param name="flushInterval">Flush after this many draws (at least 1).</param>
    /// <param name="fixedPointColumns">Also write <see cref="FixedPointColumns"/> (for kernels with implicit integrators).</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="parameterNames"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is empty, repeated, ends in <c>__</c> or holds a comma, quote, '#' or line break;
    /// a setting key is empty or holds '=' or a line break, or a setting value holds a line break.</exception>
    public CmdStanCsvWriter(
        TextWriter output,
        IReadOnlyList<string> parameterNames,
        IReadOnlyDictionary<string, string>? settings = null,
        int flushInterval = 100,
        bool fixedPointColumns = false)
        : this(output, ownsOutput: false, parameterNames, settings, flushInterval, fixedPointColumns)
    {
    }

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/> and starts the CSV; the file is closed by <see cref="Dispose"/>.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="parameterNames">The parameter column names, e.g. <see cref="DefaultParameterNames"/>.</param>
    /// <param name="settings">Settings written as <c># key = value</c> comment lines (see the remarks); null for none.</param>
    /// <param name="flushInterval">Flush after this many draws (at least 1).</param>
    /// <param name="fixedPointColumns">Also write <see cref="FixedPointColumns"/> (for kernels with implicit integrators).</param>
    /// <exception cref="ArgumentException">As for the <see cref="TextWriter"/> constructor.</exception>
    public CmdStanCsvWriter(
        string path,
        IReadOnlyList<string> parameterNames,
        IReadOnlyDictionary<string, string>? settings = null,
        int flushInterval = 100,
        bool fixedPointColumns = false)
        : this(OpenFile(path, parameterNames, settings), ownsOutput: true, parameterNames, settings, flushInterval, fixedPointColumns)
    {
    }

    private CmdStanCsvWriter(
        TextWriter output, bool ownsOutput, IReadOnlyList<string> parameterNames,
        IReadOnlyDictionary<string, string>? settings, int flushInterval, bool fixedPointColumns)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _ownsOutput = ownsOutput;
        try
        {
            Validate(parameterNames, settings);
            ArgumentOutOfRangeException.ThrowIfLessThan(flushInterval, 1);
        }
        catch when (ownsOutput)
        {
            output.Dispose();
            throw;
        }
        _flushInterval = flushInterval;
        _fixedPointColumns = fixedPointColumns;
        ParameterNames = [.. parameterNames];
        WriteSettings(settings);
        _output.Write(string.Join(',', SamplerColumns));
        if (fixedPointColumns) _output.Write(',' + string.Join(',', FixedPointColumns));
        foreach (var name in ParameterNames) _output.Write(',' + name);
        _output.Write('\n');
        _output.Flush();
    }

    /// <summary>The parameter column names.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The number of draw rows written so far.</summary>
    public long DrawsWritten { get; private set; }

    /// <summary>CmdStan's names for the elements of a vector parameter: <c>theta.1, theta.2, …</c> (1-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is negative.</exception>
    public static IReadOnlyList<string> DefaultParameterNames(int dimension, string baseName = "theta")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        var names = new string[dimension];
        for (int i = 0; i < dimension; i++) names[i] = baseName + "." + (i + 1).ToString(CultureInfo.InvariantCulture);
        return names;
    }

    /// <summary>
    /// Writes the adaptation block CmdStan writes after warm-up for a <c>diag_e</c> metric: <c># Adaptation terminated</c>,
    /// <c># Step size = h</c>, <c># Diagonal elements of inverse mass matrix:</c>, <c># m_1, m_2, …</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The diagonal does not have one entry per parameter.</exception>
    /// <exception cref="InvalidOperationException">The block was already written.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void WriteAdaptation(double stepSize, ReadOnlySpan<double> inverseMetricDiagonal)
    {
        StartAdaptation();
        if (inverseMetricDiagonal.Length != ParameterNames.Count)
            throw new ArgumentException(
                $"The inverse metric diagonal has {inverseMetricDiagonal.Length} entries; there are {ParameterNames.Count} parameters.",
                nameof(inverseMetricDiagonal));
        _adaptationWritten = true;
        WriteStepSize(stepSize);
        _output.Write("# Diagonal elements of inverse mass matrix:\n");
        WriteMetricRow(inverseMetricDiagonal);
        _output.Flush();
    }

    /// <summary>
    /// Writes the adaptation block as CmdStan writes it for <paramref name="metric"/>'s family
    /// (<see cref="IEuclideanMetric.CmdStanName"/>): after <c># Adaptation terminated</c> and <c># Step size = h</c>,
    /// for <c>unit_e</c> the line <c># No free parameters for unit metric</c>, for <c>diag_e</c> the diagonal of M⁻¹
    /// as in <see cref="WriteAdaptation(double, ReadOnlySpan{double})"/>, for <c>dense_e</c>
    /// <c># Elements of inverse mass matrix:</c> followed by one comment line per row of M⁻¹. A null metric (a
    /// Riemannian kernel, whose metric depends on θ) writes only the step size.
    /// </summary>
    /// <exception cref="ArgumentException">The metric's dimension is not the number of parameters.</exception>
    /// <exception cref="InvalidOperationException">The block was already written.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void WriteAdaptation(double stepSize, IEuclideanMetric? metric)
    {
        if (metric?.CmdStanName == "diag_e")
        {
            WriteAdaptation(stepSize, metric.InverseMassDiagonal());
            return;
        }
        StartAdaptation();
        int n = ParameterNames.Count;
        if (metric is not null && metric.Dimension != n)
            throw new ArgumentException($"The metric has dimension {metric.Dimension}; there are {n} parameters.", nameof(metric));
        _adaptationWritten = true;
        WriteStepSize(stepSize);
        if (metric?.CmdStanName == "unit_e")
        {
            _output.Write("# No free parameters for unit metric\n");
        }
        else if (metric is not null)
        {
            var matrix = new double[n * n];
            metric.CopyInverseMass(matrix);
            _output.Write("# Elements of inverse mass matrix:\n");
            for (int i = 0; i < n; i++) WriteMetricRow(matrix.AsSpan(i * n, n));
        }
        _output.Flush();
    }

    private void StartAdaptation()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_adaptationWritten)
            throw new InvalidOperationException("The adaptation block was already written; CmdStan writes it once, after warm-up.");
    }

    private void WriteStepSize(double stepSize)
    {
        _output.Write("# Adaptation terminated\n# Step size = ");
        WriteNumber(stepSize);
        _output.Write('\n');
    }

    private void WriteMetricRow(ReadOnlySpan<double> row)
    {
        _output.Write("# ");
        for (int i = 0; i < row.Length; i++)
        {
            if (i > 0) _output.Write(", ");
            WriteNumber(row[i]);
        }
        _output.Write('\n');
    }

    /// <summary>Writes one draw: the sampler statistics, then the position in parameter order.</summary>
    /// <exception cref="ArgumentException"><paramref name="position"/> does not have one value per parameter.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (position.Length != ParameterNames.Count)
            throw new ArgumentException(
                $"The position has {position.Length} values; there are {ParameterNames.Count} parameters.", nameof(position));
        WriteNumber(statistics.LogDensity);
        _output.Write(',');
        WriteNumber(statistics.AcceptStat);
        _output.Write(',');
        WriteNumber(statistics.StepSize);
        _output.Write(',');
        WriteInteger(statistics.TreeDepth);
        _output.Write(',');
        WriteInteger(statistics.LeapfrogSteps);
        _output.Write(statistics.Divergent ? ",1," : ",0,");
        WriteNumber(statistics.Energy);
        _output.Write(statistics.Invalid ? ",1" : ",0");
        if (_fixedPointColumns)
        {
            _output.Write(',');
            WriteInteger(statistics.FixedPointIterations);
            _output.Write(',');
            WriteNumber(statistics.FixedPointResidual);
            _output.Write(statistics.FixedPointFailed ? ",1" : ",0");
        }
        foreach (double value in position)
        {
            _output.Write(',');
            WriteNumber(value);
        }
        _output.Write('\n');
        DrawsWritten++;
        if (DrawsWritten % _flushInterval == 0) _output.Flush();
    }

    /// <summary>
    /// Writes CmdStan's closing timing block (<c># Elapsed Time: w seconds (Warm-up)</c>, then the sampling and total
    /// seconds), which the readers turn into per-chain run times.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void WriteElapsedTime(TimeSpan warmUp, TimeSpan sampling)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var total = warmUp + sampling;
        _output.Write("# \n#  Elapsed Time: ");
        WriteNumber(warmUp.TotalSeconds);
        _output.Write(" seconds (Warm-up)\n#                ");
        WriteNumber(sampling.TotalSeconds);
        _output.Write(" seconds (Sampling)\n#                ");
        WriteNumber(total.TotalSeconds);
        _output.Write(" seconds (Total)\n# \n");
        _output.Flush();
    }

    /// <summary>Flushes the rows written so far to the underlying writer.</summary>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _output.Flush();
    }

    /// <summary>Flushes, and closes the file when the writer opened it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _output.Flush();
        if (_ownsOutput) _output.Dispose();
    }

    private void WriteNumber(double value)
    {
        int length = CmdStanNumber.Format(value, _number);
        _output.Write(_number, 0, length);
    }

    private void WriteInteger(int value)
    {
        value.TryFormat(_number, out int length, default, CultureInfo.InvariantCulture);
        _output.Write(_number, 0, length);
    }

    private void WriteSettings(IReadOnlyDictionary<string, string>? settings)
    {
        var given = settings ?? new Dictionary<string, string>();
        string Value(string key, string fallback) => given.TryGetValue(key, out var value) ? value : fallback;
        void Line(int indent, string key, string value) => _output.Write($"#{new string(' ', indent + 1)}{key} = {value}\n");
        void Optional(int indent, string key)
        {
            if (given.TryGetValue(key, out var value)) Line(indent, key, value);
        }
        void Section(int indent, string name) => _output.Write($"#{new string(' ', indent + 1)}{name}\n");

        Line(0, "model", Value("model", "model"));
        string method = Value("method", "sample");
        Line(0, "method", method);
        Section(2, method);
        Optional(4, "num_samples");
        Optional(4, "num_warmup");
        Line(4, "save_warmup", Value("save_warmup", "0"));
        Line(4, "thin", Value("thin", "1"));
        if (given.ContainsKey("engaged") || given.ContainsKey("delta"))
        {
            Section(4, "adapt");
            Optional(6, "engaged");
            Optional(6, "delta");
        }
        string algorithm = Value("algorithm", "hmc");
        Line(4, "algorithm", algorithm);
        Section(6, algorithm);
        string engine = Value("engine", "nuts");
        Line(8, "engine", engine);
        if (given.ContainsKey("max_depth"))
        {
            Section(10, engine);
            Optional(12, "max_depth");
        }
        Line(8, "metric", Value("metric", "diag_e"));
        Optional(8, "stepsize");
        Optional(8, "stepsize_jitter");
        Optional(4, "num_chains");
        Line(0, "id", Value("id", "1"));
        if (given.ContainsKey("seed"))
        {
            Section(0, "random");
            Optional(2, "seed");
        }
        foreach (var (key, value) in given)
        {
            if (!LaidOutSettings.Contains(key)) Line(0, key, value);
        }
    }

    private static TextWriter OpenFile(string path, IReadOnlyList<string> parameterNames, IReadOnlyDictionary<string, string>? settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Validate(parameterNames, settings);
        return new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static void Validate(IReadOnlyList<string> parameterNames, IReadOnlyDictionary<string, string>? settings)
    {
        ArgumentNullException.ThrowIfNull(parameterNames);
        var seen = new HashSet<string>(SamplerColumns, StringComparer.Ordinal);
        foreach (var name in parameterNames)
        {
            if (string.IsNullOrEmpty(name) || name.AsSpan().IndexOfAny(",\"#\r\n") >= 0 || name.EndsWith("__", StringComparison.Ordinal))
                throw new ArgumentException(
                    $"Parameter name '{name}' is not a CSV column CmdStan readers accept: it must be non-empty, hold no comma, quote, '#' or line break, and not end in '__'.",
                    nameof(parameterNames));
            if (!seen.Add(name))
                throw new ArgumentException($"Parameter name '{name}' appears twice.", nameof(parameterNames));
        }
        if (settings is null) return;
        foreach (var (key, value) in settings)
        {
            if (string.IsNullOrWhiteSpace(key) || key.AsSpan().IndexOfAny("=\r\n") >= 0)
                throw new ArgumentException($"Setting key '{key}' must be non-empty and hold no '=' or line break.", nameof(settings));
            if (value is null || value.AsSpan().IndexOfAny("\r\n") >= 0)
                throw new ArgumentException($"Setting '{key}' must have a value without line breaks.", nameof(settings));
        }
    }
}
