namespace Hmc.Native.Samplers;

/// <summary>The per-draw statistics CmdStan writes before the parameters.</summary>
/// <param name="LogDensity">lp__.</param>
/// <param name="AcceptStat">accept_stat__.</param>
/// <param name="StepSize">stepsize__.</param>
/// <param name="TreeDepth">treedepth__.</param>
/// <param name="LeapfrogSteps">n_leapfrog__.</param>
/// <param name="Divergent">divergent__.</param>
/// <param name="Energy">energy__.</param>
public readonly record struct DrawStatistics(double LogDensity, double AcceptStat, double StepSize, int TreeDepth, int LeapfrogSteps, bool Divergent, double Energy);
