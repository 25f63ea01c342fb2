using Hmc.Native.Randomness;
using Hmc.Native.Samplers;

namespace Hmc.Native.Adaptation;

/// <summary>
/// The warm-up of one chain, driven by <see cref="ChainRunner"/>: it sees the kernel before the first transition,
/// after each warm-up transition, and once at the end, and tunes the kernel through its capabilities
/// (<see cref="IHasStepSize"/>, <see cref="IHasEuclideanMetric"/>, <see cref="IProbesStepSize"/>).
/// </summary>
public interface IWarmUp
{
    /// <summary>Called once with the starting state, before the first warm-up transition.</summary>
    void Begin(ITransitionKernel kernel, ChainState state, Rng rng);

    /// <summary>Takes one warm-up transition's outcome (iteration counted from 0).</summary>
    void Observe(int iteration, ITransitionKernel kernel, ChainState state, in TransitionInfo info, Rng rng);

    /// <summary>Fixes what the kept draws use (the averaged step size).</summary>
    void Finish(ITransitionKernel kernel);

    /// <summary>Gradient evaluations the warm-up made itself, beyond the transitions' integrator steps (the step-size searches).</summary>
    long GradientEvaluations { get; }
}
