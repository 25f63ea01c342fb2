namespace Hmc.Native.Samplers;

/// <summary>
/// The user's log-density threw; the run stopped. Carries the parameters that caused it and, when thrown by a
/// sampling run, that run's <see cref="PartialResult"/>: every chain's draws up to the moment it stopped.
/// </summary>
public sealed class LogDensityException : Exception
{
    /// <summary>Wraps <paramref name="inner"/>, thrown by the log-density at <paramref name="position"/>.</summary>
    public LogDensityException(ReadOnlySpan<double> position, Exception inner)
        : base($"The log-density threw {inner.GetType().Name} at parameters [{Format(position)}]: {inner.Message}", inner)
    {
        Position = position.ToArray();
    }

    /// <summary>The parameters at which the log-density threw.</summary>
    public double[] Position { get; }

    /// <summary>
    /// The run that this exception stopped, with every chain's draws and statistics so far (the failing chain's up to
    /// its last kept draw, the others' up to their cancellation); null when thrown outside a sampling run.
    /// </summary>
    public SamplingResult? PartialResult { get; internal set; }

    private static string Format(ReadOnlySpan<double> x)
    {
        const int shown = 10;
        var parts = new List<string>();
        for (int i = 0; i < Math.Min(x.Length, shown); i++) parts.Add(x[i].ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        if (x.Length > shown) parts.Add($"... ({x.Length} in all)");
        return string.Join(", ", parts);
    }
}
