using Hmc.Native.Randomness;
using Hmc.Native.Samplers;

namespace Hmc.Native.Adaptation;

/// <summary>
/// The step-size half of every warm-up: Hoffman &amp; Gelman's initial search (<see cref="StepSizeSearch"/>) followed by
/// dual averaging towards the target acceptance statistic (<see cref="DualAveraging"/>), restarted from a fresh
/// search when the warm-up asks (after a new metric), and the averaged ε̄ for the kept draws. Does nothing when the
/// run does not adapt the step size or the kernel has none.
/// </summary>
internal sealed class StepSizeTuning(bool enabled, double targetAcceptance)
{
    private DualAveraging? _dualAveraging;

    /// <summary>The target acceptance statistic δ.</summary>
    public double Target { get; } = targetAcceptance;

    /// <summary>The leapfrog steps the searches took (one gradient each).</summary>
    public long SearchGradients { get; private set; }

    /// <summary>Searches a first step size from <paramref name="state"/> under the kernel's current metric and (re)starts dual averaging there.</summary>
    public void Restart(ITransitionKernel kernel, ChainState state, Rng rng)
    {
        if (!enabled || kernel is not IHasStepSize stepSized) return;
        int probes = 0;
        if (kernel is IHasEuclideanMetric euclidean)
            stepSized.StepSize = StepSizeSearch.Find(euclidean.Density, euclidean.Metric, state, stepSized.StepSize, rng, out probes);
        else if (kernel is IProbesStepSize probed)
            stepSized.StepSize = StepSizeSearch.Find(probed, state, stepSized.StepSize, rng, out probes);
        SearchGradients += probes;
        if (_dualAveraging is null) _dualAveraging = new DualAveraging(stepSized.StepSize, Target);
        else _dualAveraging.Restart(stepSized.StepSize);
    }

    /// <summary>Feeds the last transition's acceptance statistic to dual averaging and sets the kernel's next step size.</summary>
    public void Update(ITransitionKernel kernel, double acceptStatistic)
    {
        if (_dualAveraging is null || kernel is not IHasStepSize stepSized) return;
        _dualAveraging.Update(acceptStatistic);
        stepSized.StepSize = _dualAveraging.StepSize;
    }

    /// <summary>Fixes the step size at the dual-averaging estimate ε̄ for sampling (when it is finite and positive).</summary>
    public void Finish(ITransitionKernel kernel)
    {
        if (_dualAveraging is not null && double.IsFinite(_dualAveraging.FinalStepSize) && _dualAveraging.FinalStepSize > 0 && kernel is IHasStepSize stepSized)
            stepSized.StepSize = _dualAveraging.FinalStepSize;
    }
}
