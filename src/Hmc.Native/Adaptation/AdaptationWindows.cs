namespace Hmc.Native.Adaptation;

/// <summary>
/// Stan's windowed warm-up schedule (Stan Reference Manual, "HMC algorithm parameters: automatic parameter tuning"):
/// an initial fast interval (75 iterations) adapting only the step size, slow windows (25, 50, 100, ...) that
/// each end with a new metric estimate, and a terminal fast interval (50). When the warm-up is shorter than
/// 75 + 25 + 50 the intervals shrink to 15%, 75% and 10% of it; below 20 iterations the metric is not adapted.
/// </summary>
public sealed class AdaptationWindows
{
    private int _windowSize;
    private int _nextWindowEnd;

    /// <summary>Lays out the windows of a warm-up of <paramref name="warmUp"/> iterations.</summary>
    public AdaptationWindows(int warmUp, int initialBuffer = 75, int terminalBuffer = 50, int baseWindow = 25)
    {
        WarmUp = warmUp;
        if (warmUp < 20)
        {
            InitialBuffer = warmUp;
            TerminalBuffer = 0;
            _windowSize = 0;
            _nextWindowEnd = -1;
            AdaptsMetric = false;
            return;
        }
        if (initialBuffer + baseWindow + terminalBuffer > warmUp)
        {
            initialBuffer = (int)(0.15 * warmUp);
            terminalBuffer = (int)(0.1 * warmUp);
            baseWindow = warmUp - (initialBuffer + terminalBuffer);
        }
        InitialBuffer = initialBuffer;
        TerminalBuffer = terminalBuffer;
        _windowSize = baseWindow;
        _nextWindowEnd = initialBuffer + baseWindow - 1;
        AdaptsMetric = true;
    }

    /// <summary>The number of warm-up iterations.</summary>
    public int WarmUp { get; }

    /// <summary>Iterations adapting only the step size at the start.</summary>
    public int InitialBuffer { get; }

    /// <summary>Iterations adapting only the step size at the end.</summary>
    public int TerminalBuffer { get; }

    /// <summary>False for warm-ups under 20 iterations.</summary>
    public bool AdaptsMetric { get; }

    /// <summary>True when iteration <paramref name="iteration"/> (0-based) lies in a slow window, whose draws feed the metric estimate.</summary>
    public bool InSlowWindow(int iteration) =>
        AdaptsMetric && iteration >= InitialBuffer && iteration < WarmUp - TerminalBuffer;

    /// <summary>
    /// True when a slow window ends at <paramref name="iteration"/>: the metric is re-estimated and the step size
    /// search restarts. Advances the schedule to the next (doubled) window.
    /// </summary>
    public bool EndsWindow(int iteration)
    {
        if (!AdaptsMetric || iteration != _nextWindowEnd) return false;
        _windowSize *= 2;
        _nextWindowEnd = iteration + _windowSize;
        ExtendIfLast();
        return true;
    }

    /// <summary>When the window after the next would cross into the terminal buffer, the next one absorbs it.</summary>
    private void ExtendIfLast()
    {
        int terminalStart = WarmUp - TerminalBuffer;
        if (_nextWindowEnd + 2 * _windowSize >= terminalStart) _nextWindowEnd = terminalStart - 1;
    }
}
