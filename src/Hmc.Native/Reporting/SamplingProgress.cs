namespace Hmc.Native.Reporting;

/// <summary>A progress report of one chain.</summary>
/// <param name="Chain">The chain index.</param>
/// <param name="Completed">Iterations done (warm-up and sampling together).</param>
/// <param name="Total">Iterations planned.</param>
/// <param name="WarmUp">True while warming up.</param>
/// <param name="Elapsed">Time since the chain started.</param>
/// <param name="AcceptanceRate">The acceptance rate of the kept draws so far.</param>
public readonly record struct SamplingProgress(int Chain, int Completed, int Total, bool WarmUp, TimeSpan Elapsed, double AcceptanceRate);
