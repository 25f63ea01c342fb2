namespace Hmc.Native.Reporting;

/// <summary>
/// A progress report from a running chain, for <see cref="IProgress{T}"/> listeners such as
/// <see cref="ProgressLine"/>.
/// </summary>
/// <param name="Chain">The 0-based index of the chain that reports.</param>
/// <param name="Completed">The iterations this chain has completed, counted like <paramref name="Total"/>.</param>
/// <param name="Total">The iterations this chain will run in all (warm-up included when the runner counts it).</param>
/// <param name="WarmUp">Whether the chain is still in its warm-up (adaptation) phase.</param>
/// <param name="Elapsed">The wall-clock time this chain has run.</param>
/// <param name="AcceptanceRate">The mean acceptance statistic so far in the current phase, in [0, 1]; NaN before the first iteration.</param>
public readonly record struct SamplingProgress(
    int Chain,
    int Completed,
    int Total,
    bool WarmUp,
    TimeSpan Elapsed,
    double AcceptanceRate);
