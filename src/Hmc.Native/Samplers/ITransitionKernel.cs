using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// One Markov transition (BlackJAX's <c>step(rng, state) -> (state, info)</c>). What else a kernel can do — a step
/// size or a Euclidean metric that warm-up adapts, an accept statistic averaged over a trajectory, fixed-point
/// statistics — it declares through the capability interfaces (<see cref="IHasStepSize"/>,
/// <see cref="IHasEuclideanMetric"/>, <see cref="IReportsAcceptStatistic"/>, <see cref="IHasFixedPointStatistics"/>),
/// which the chain runner and warm-up ask for instead of testing concrete types. A kernel that holds resources
/// (device memory) is <see cref="IDisposable"/>, and the run that created it disposes it.
/// </summary>
public interface ITransitionKernel
{
    /// <summary>Creates the state at <paramref name="position"/>, evaluating the log-density and gradient.</summary>
    /// <exception cref="InvalidInitialPointException">The log-density or its gradient is not finite there.</exception>
    ChainState Initialize(ReadOnlySpan<double> position);

    /// <summary>Performs one transition from <paramref name="state"/>.</summary>
    (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state);
}
