using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// One Markov transition (BlackJAX's <c>step(rng, state) -> (state, info)</c>). The step size and, for Euclidean
/// kernels, the metric may be changed between transitions by warm-up adaptation.
/// </summary>
public interface ITransitionKernel
{
    /// <summary>The integrator step size ε.</summary>
    double StepSize { get; set; }

    /// <summary>Creates the state at <paramref name="position"/>, evaluating the log-density and gradient.</summary>
    /// <exception cref="InvalidInitialPointException">The log-density or its gradient is not finite there.</exception>
    ChainState Initialize(ReadOnlySpan<double> position);

    /// <summary>Performs one transition from <paramref name="state"/>.</summary>
    (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state);
}
