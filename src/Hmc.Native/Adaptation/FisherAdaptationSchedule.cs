namespace Hmc.Native.Adaptation;

/// <summary>
/// nutpie's warm-up schedule (nuts-rs <c>adapt_strategy.rs</c>, github.com/pymc-devs/nuts-rs; Seyboldt, Carlson &amp;
/// Carpenter 2026, arXiv 2603.18845): the metric is re-estimated after every draw from the current window, and the
/// windows switch (<see cref="IMetricEstimator.Switch"/>) on this plan:
/// <list type="bullet">
/// <item>early phase, the first 30% of the warm-up: a switch whenever the next window holds 10 draws, so the estimate
/// forgets the first, far-from-typical draws quickly;</item>
/// <item>main phase: windows of 80 draws (or what the next window already holds at the end of the early phase), each
/// 1.5 times the last;</item>
/// <item>no switch when the window after it would not fit before the final phase;</item>
/// <item>final phase, the last 15%: the metric is fixed and only the step size adapts.</item>
/// </list>
/// </summary>
public sealed class FisherAdaptationSchedule
{
    /// <summary>nutpie's default warm-up length.</summary>
    public const int DefaultWarmUp = 400;

    private const double EarlyFraction = 0.3, FinalFraction = 0.15, Growth = 1.5;
    private const int EarlyWindow = 10, FirstMainWindow = 80;
    private int _window = FirstMainWindow;

    /// <summary>Lays out a warm-up of <paramref name="warmUp"/> iterations.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmUp"/> is not positive.</exception>
    public FisherAdaptationSchedule(int warmUp)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(warmUp);
        WarmUp = warmUp;
        EarlyEnd = (int)(EarlyFraction * warmUp);
        FinalStart = warmUp - (int)(FinalFraction * warmUp);
    }

    /// <summary>The number of warm-up iterations.</summary>
    public int WarmUp { get; }

    /// <summary>The first iteration (0-based) of the main phase.</summary>
    public int EarlyEnd { get; }

    /// <summary>The first iteration (0-based) of the final, step-size-only phase.</summary>
    public int FinalStart { get; }

    /// <summary>True while iteration <paramref name="iteration"/> still adapts the metric.</summary>
    public bool AdaptsMetric(int iteration) => iteration < FinalStart;

    /// <summary>
    /// Whether the windows switch after iteration <paramref name="iteration"/>, when the next window holds
    /// <paramref name="nextCount"/> draws (this iteration's included). Call once per metric iteration, in order: in the
    /// main phase a switch grows the window.
    /// </summary>
    public bool Switches(int iteration, int nextCount)
    {
        bool early = iteration < EarlyEnd;
        if (iteration == EarlyEnd) _window = Math.Max(_window, nextCount);
        int window = early ? EarlyWindow : _window;
        int following = early ? EarlyWindow : Math.Max(_window + 1, (int)Math.Round(_window * Growth));
        if (nextCount < window || following + iteration > FinalStart) return false;
        if (!early) _window = following;
        return true;
    }
}
