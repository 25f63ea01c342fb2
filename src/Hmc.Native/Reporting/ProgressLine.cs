using System.Globalization;

namespace Hmc.Native.Reporting;

/// <summary>
/// A console progress line in hamiltorch's style: a header <c>Sampling (Sampler.HMC; Integrator.IMPLICIT)</c>
/// and a column legend, then one line rewritten in place with '\r',
/// <c>0d:00:00:01 | 0d:00:00:09 | ####---------------- | 100/1000 | 95.30</c>
/// (time spent | time remaining | 20-character bar | samples | samples per second), and at the end the
/// acceptance rate (<c>Acceptance Rate 0.95</c>).
/// </summary>
/// <remarks>
/// The line is redrawn at most once per <see cref="RefreshInterval"/> (0.25 s, as hamiltorch), except that
/// the first update and the last one (all samples done) are always drawn. Time comes from the injected
/// <see cref="TimeProvider"/>. A disabled line (verbose off, or output redirected to a file or pipe, where
/// '\r' redraws only make noise) writes nothing at all. Thread-safe: several chains may report to one line
/// through <see cref="IProgress{T}"/>; it then shows the sum of their completed iterations.
/// </remarks>
public sealed class ProgressLine : IProgress<SamplingProgress>
{
    /// <summary>The shortest time between two redraws.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(0.25);

    private const int BarLength = 20;

    private readonly TextWriter _output;
    private readonly string _title;
    private readonly int _total;
    private readonly TimeProvider _time;
    private readonly Dictionary<int, int> _completedByChain = [];
    private readonly Lock _gate = new();
    private long _startTimestamp;
    private bool _started;
    private TimeSpan? _lastDrawn;
    private int _completed;

    /// <summary>Creates a progress line; nothing is written until <see cref="Start"/> or the first update.</summary>
    /// <param name="output">Where the line is written.</param>
    /// <param name="sampler">The sampler as shown in the header, e.g. <c>Sampler.HMC</c>.</param>
    /// <param name="integrator">The integrator as shown in the header, e.g. <c>Integrator.IMPLICIT</c>.</param>
    /// <param name="total">The number of iterations to run (over all chains that report; at least 1).</param>
    /// <param name="verbose">False silences the line.</param>
    /// <param name="outputRedirected">True silences the line (pass <see cref="Console.IsOutputRedirected"/> for the console).</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/>, <paramref name="sampler"/> or <paramref name="integrator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="total"/> is below 1.</exception>
    public ProgressLine(
        TextWriter output, string sampler, string integrator, int total,
        bool verbose, bool outputRedirected, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(integrator);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        _output = output;
        _title = $"Sampling ({sampler}; {integrator})";
        _total = total;
        Enabled = verbose && !outputRedirected;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A progress line on <see cref="Console.Out"/>, silent when <paramref name="verbose"/> is off or the console output is redirected.</summary>
    public static ProgressLine ForConsole(string sampler, string integrator, int total, bool verbose, TimeProvider? timeProvider = null) =>
        new(Console.Out, sampler, integrator, total, verbose, Console.IsOutputRedirected, timeProvider);

    /// <summary>Whether the line writes anything.</summary>
    public bool Enabled { get; }

    /// <summary>Writes the header and the column legend and starts the clock (done by the first update if not called).</summary>
    public void Start()
    {
        lock (_gate) StartLocked();
    }

    /// <summary>Records that <paramref name="completed"/> iterations are done and redraws the line if it is due.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="completed"/> is negative or above the total.</exception>
    public void Update(int completed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(completed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(completed, _total);
        lock (_gate)
        {
            _completed = completed;
            DrawIfDue();
        }
    }

    /// <summary>Records a chain's progress; the line shows the sum of the chains' completed iterations.</summary>
    public void Report(SamplingProgress value)
    {
        lock (_gate)
        {
            _completedByChain[value.Chain] = value.Completed;
            int sum = 0;
            foreach (int c in _completedByChain.Values) sum += c;
            _completed = Math.Clamp(sum, 0, _total);
            DrawIfDue();
        }
    }

    /// <summary>
    /// Draws the line a last time, ends it, and writes <c>Acceptance Rate r</c> with two decimals
    /// (hamiltorch's closing message).
    /// </summary>
    public void Complete(double acceptanceRate)
    {
        lock (_gate)
        {
            if (!Enabled) return;
            StartLocked();
            Draw(_time.GetElapsedTime(_startTimestamp));
            _output.Write('\n');
            _output.Write("Acceptance Rate " + acceptanceRate.ToString("F2", CultureInfo.InvariantCulture) + "\n");
            _output.Flush();
        }
    }

    /// <summary>Formats a duration as hamiltorch does: <c>{days}d:{hh}:{mm}:{ss}</c>, seconds truncated.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        long seconds = Math.Max(0, (long)Math.Floor(duration.TotalSeconds));
        long days = seconds / 86400;
        seconds %= 86400;
        return string.Create(CultureInfo.InvariantCulture, $"{days}d:{seconds / 3600:00}:{seconds % 3600 / 60:00}:{seconds % 60:00}");
    }

    private void StartLocked()
    {
        if (_started) return;
        _started = true;
        _startTimestamp = _time.GetTimestamp();
        if (!Enabled) return;
        int countWidth = _total.ToString(CultureInfo.InvariantCulture).Length * 2 + 1;
        _output.Write(_title + "\n");
        _output.Write("Time spent  | Time remain.| Progress             | " + "Samples".PadRight(countWidth) + " | Samples/sec\n");
        _output.Flush();
    }

    private void DrawIfDue()
    {
        StartLocked();
        if (!Enabled) return;
        var elapsed = _time.GetElapsedTime(_startTimestamp);
        bool due = _lastDrawn is null || elapsed - _lastDrawn.Value >= RefreshInterval || _completed >= _total;
        if (due) Draw(elapsed);
    }

    private void Draw(TimeSpan elapsed)
    {
        _lastDrawn = elapsed;
        double seconds = elapsed.TotalSeconds;
        double rate = seconds > 0 ? _completed / seconds : 0;
        // With no rate yet (no time passed or nothing done) the remaining time shows as zero.
        var remaining = rate > 0 ? TimeSpan.FromSeconds((_total - _completed) / rate) : TimeSpan.Zero;
        int filled = (int)Math.Round(BarLength * (double)_completed / _total, MidpointRounding.ToEven);
        string count = _completed.ToString(CultureInfo.InvariantCulture)
            .PadLeft(_total.ToString(CultureInfo.InvariantCulture).Length);
        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"{FormatDuration(elapsed)} | {FormatDuration(remaining)} | {new string('#', filled)}{new string('-', BarLength - filled)} | {count}/{_total} | {rate:N2}       ");
        _output.Write('\r');
        _output.Write(line);
        _output.Flush();
    }
}
