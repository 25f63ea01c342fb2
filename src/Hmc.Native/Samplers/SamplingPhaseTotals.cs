namespace Hmc.Native.Samplers;

/// <summary>The totals over every transition of a sampling phase, kept or not.</summary>
/// <param name="Transitions">Transitions run.</param>
/// <param name="LeapfrogSteps">Integrator steps taken.</param>
/// <param name="InvalidProposals">Proposals rejected because a non-finite value was met.</param>
public readonly record struct SamplingPhaseTotals(int Transitions, long LeapfrogSteps, int InvalidProposals);
