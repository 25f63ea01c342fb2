using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;

namespace Hmc.Native.Adaptation;

/// <summary>
/// nutpie's warm-up of one chain (<see cref="AdaptationScheme.Diagonal"/>, <see cref="AdaptationScheme.LowRank"/>;
/// Seyboldt, Carlson &amp; Carpenter 2026, "Preconditioning Hamiltonian Monte Carlo by minimizing Fisher divergence",
/// arXiv 2603.18845; nutpie, github.com/pymc-devs/nutpie, and its Rust core nuts-rs, <c>adapt_strategy.rs</c>):
/// <list type="number">
/// <item>before the first transition the metric is nutpie's guess from the gradient (<see cref="IMetricEstimator.Start"/>)
/// and the step size is searched as Stan does;</item>
/// <item>after every transition of the metric phases (<see cref="FisherAdaptationSchedule"/>) a draw that moved the chain
/// is added with its gradient, the windows switch when the schedule says so, and M⁻¹ is replaced by the estimate
/// from the current window (<see cref="FisherDiagonalEstimator"/> or <see cref="LowRankEstimator"/>);</item>
/// <item>dual averaging (the same targets as <see cref="WarmUp"/>) runs through the whole warm-up without restarting,
/// except once, from a fresh search, after the first estimate replaces the guess;</item>
/// <item>the final 15% adapts only the step size, and the kept draws use the averaged ε̄.</item>
/// </list>
/// </summary>
/// <remarks>
/// nutpie also keeps a divergent draw that lies more than four leapfrog steps from the start of its trajectory; the
/// kernels here report whether the chain moved, not where on the trajectory the draw lies, so every draw that moved
/// is kept. A kernel without a Euclidean metric gets only the step-size half.
/// </remarks>
public sealed class FisherWarmUp : IWarmUp
{
    private readonly FisherAdaptationSchedule _schedule;
    private readonly IMetricEstimator _estimator;
    private readonly StepSizeTuning _stepSize;
    private readonly bool _startFromGiven;
    private bool _estimated;

    /// <summary>Plans a warm-up of <paramref name="iterations"/> transitions.</summary>
    /// <param name="iterations">The warm-up length (nutpie's default is <see cref="FisherAdaptationSchedule.DefaultWarmUp"/>).</param>
    /// <param name="scheme"><see cref="AdaptationScheme.Diagonal"/> or <see cref="AdaptationScheme.LowRank"/>.</param>
    /// <param name="adaptStepSize">Whether the step size is tuned.</param>
    /// <param name="targetAcceptance">δ of dual averaging.</param>
    /// <param name="dimension">The number of parameters.</param>
    /// <param name="startFromGiven">Start from the kernel's metric (a user's M⁻¹, reduced to its diagonal) instead of the gradient guess.</param>
    /// <exception cref="ArgumentException"><paramref name="scheme"/> is <see cref="AdaptationScheme.Stan"/> (that is <see cref="WarmUp"/>).</exception>
    public FisherWarmUp(int iterations, AdaptationScheme scheme, bool adaptStepSize, double targetAcceptance, int dimension, bool startFromGiven = false)
    {
        _schedule = new FisherAdaptationSchedule(iterations);
        _estimator = scheme switch
        {
            AdaptationScheme.Diagonal => new FisherDiagonalEstimator(dimension),
            AdaptationScheme.LowRank => new LowRankEstimator(dimension),
            _ => throw new ArgumentException($"FisherWarmUp runs AdaptationScheme.Diagonal or LowRank; {scheme} is the windowed WarmUp.", nameof(scheme)),
        };
        _stepSize = new StepSizeTuning(adaptStepSize, targetAcceptance);
        _startFromGiven = startFromGiven;
    }

    /// <inheritdoc />
    public long GradientEvaluations => _stepSize.SearchGradients;

    /// <inheritdoc />
    public void Begin(ITransitionKernel kernel, ChainState state, Rng rng)
    {
        if (kernel is IHasEuclideanMetric euclidean)
            euclidean.Metric = _estimator.Start(state.Position, state.Gradient, _startFromGiven ? euclidean.Metric : null);
        _stepSize.Restart(kernel, state, rng);
    }

    /// <inheritdoc />
    public void Observe(int iteration, ITransitionKernel kernel, ChainState state, in TransitionInfo info, Rng rng)
    {
        _stepSize.Update(kernel, info.AcceptProbability);
        if (kernel is not IHasEuclideanMetric euclidean || !_schedule.AdaptsMetric(iteration)) return;
        if (info.Accepted) _estimator.Add(state.Position, state.Gradient);
        if (_schedule.Switches(iteration, _estimator.NextCount)) _estimator.Switch();
        if (_estimator.Estimate() is not { } metric) return;
        euclidean.Metric = metric;
        if (_estimated) return;
        _estimated = true;
        _stepSize.Restart(kernel, state, rng);
    }

    /// <inheritdoc />
    public void Finish(ITransitionKernel kernel) => _stepSize.Finish(kernel);
}
