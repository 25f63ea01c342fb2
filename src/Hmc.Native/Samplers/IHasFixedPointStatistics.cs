namespace Hmc.Native.Samplers;

/// <summary>
/// A kernel that may integrate with implicit steps solved by fixed-point iteration (the generalised leapfrog of
/// RMHMC), whose <see cref="TransitionInfo.FixedPointIterations"/>, <see cref="TransitionInfo.FixedPointResidual"/>
/// and <see cref="TransitionInfo.FixedPointFailed"/> then carry each transition's solves to the draws.
/// </summary>
public interface IHasFixedPointStatistics : ITransitionKernel
{
    /// <summary>True when this kernel's integrator solves fixed points (false for an explicit integrator).</summary>
    bool SolvesFixedPoints { get; }
}
