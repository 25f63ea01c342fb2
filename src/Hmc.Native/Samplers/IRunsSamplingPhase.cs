using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// A kernel that runs the sampling phase of a chain (the transitions after warm-up) itself, handing the chain runner
/// only the kept draws: a device kernel keeps its state where it computes and returns a draw only when one is kept,
/// instead of handing a host <see cref="ChainState"/> back after every transition as <see cref="ITransitionKernel.Step"/>
/// does. The transitions are the kernel's <see cref="ITransitionKernel.Step"/> ones, consuming <c>rng</c> as it does.
/// </summary>
public interface IRunsSamplingPhase
{
    /// <summary>
    /// Runs up to <paramref name="transitions"/> transitions from <paramref name="state"/>, calling
    /// <paramref name="keep"/> after every <paramref name="thin"/>-th with its report, its log-density and a fresh array
    /// holding its position, in order. Stops early, between transitions, when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="rng">The chain's random stream.</param>
    /// <param name="state">The state warm-up ended in.</param>
    /// <param name="transitions">How many transitions to run.</param>
    /// <param name="thin">Keep every thin-th transition.</param>
    /// <param name="keep">Receives each kept draw (its array is the caller's to keep).</param>
    /// <param name="cancellationToken">Stops the phase; the draws kept so far have been handed over.</param>
    /// <returns>What all the transitions run (kept or not) add up to.</returns>
    SamplingPhaseTotals RunSamplingPhase(Rng rng, ChainState state, int transitions, int thin, KeptDraw keep, CancellationToken cancellationToken);
}
