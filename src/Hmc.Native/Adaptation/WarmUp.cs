using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;

namespace Hmc.Native.Adaptation;

/// <summary>
/// Stan's warm-up of one chain (<see cref="AdaptationScheme.Stan"/>): dual-averaging step-size adaptation throughout,
/// and for Euclidean kernels a mass matrix re-estimated (Welford, regularised) at the end of each slow window, after
/// which the step size search and dual averaging restart; kernels on a Riemannian metric that can probe one step
/// (<see cref="IProbesStepSize"/>) get the same initial search. At the end the step size is fixed at the averaged ε̄.
/// </summary>
/// <remarks>
/// One deliberate difference from Stan: the terminal interval, in which only the step size adapts after the last
/// metric update, is a quarter of the warm-up (at least 50 iterations) instead of Stan's fixed 50. With 50, dual
/// averaging restarted from μ = log(10ε) has too few iterations to settle, and NUTS ends with an acceptance
/// statistic well above the target (about 0.87 for a target of 0.8 on a 50-D Gaussian); with a quarter it lands
/// within a few hundredths of it.
/// </remarks>
public sealed class WarmUp : IWarmUp
{
    private readonly AdaptationWindows _windows;
    private readonly WelfordCovariance? _covariance;
    private readonly MassMatrixAdaptation _mass;
    private readonly StepSizeTuning _stepSize;

    /// <summary>Plans a warm-up of <paramref name="iterations"/> transitions.</summary>
    public WarmUp(int iterations, bool adaptStepSize, MassMatrixAdaptation mass, double targetAcceptance, int dimension)
    {
        _windows = new AdaptationWindows(iterations, terminalBuffer: Math.Max(50, iterations / 4));
        _stepSize = new StepSizeTuning(adaptStepSize, targetAcceptance);
        _mass = mass;
        if (mass != MassMatrixAdaptation.None && _windows.AdaptsMetric)
            _covariance = new WelfordCovariance(dimension, mass == MassMatrixAdaptation.Dense);
    }

    /// <summary>The target acceptance statistic δ.</summary>
    public double Target => _stepSize.Target;

    /// <inheritdoc />
    public long GradientEvaluations => _stepSize.SearchGradients;

    /// <summary>Chooses the first step size (Hoffman &amp; Gelman's heuristic) and starts dual averaging.</summary>
    public void Begin(ITransitionKernel kernel, ChainState state, Rng rng) => _stepSize.Restart(kernel, state, rng);

    /// <inheritdoc />
    public void Observe(int iteration, ITransitionKernel kernel, ChainState state, in TransitionInfo info, Rng rng)
    {
        _stepSize.Update(kernel, info.AcceptProbability);
        if (_covariance is null || kernel is not IHasEuclideanMetric euclidean) return;
        if (_windows.InSlowWindow(iteration)) _covariance.Add(state.Position);
        if (!_windows.EndsWindow(iteration)) return;
        var estimate = _covariance.RegularizedCovariance();
        euclidean.Metric = _mass == MassMatrixAdaptation.Dense
            ? new DenseMetric(estimate, _covariance.Dimension)
            : new DiagonalMetric(estimate);
        _covariance.Reset();
        _stepSize.Restart(euclidean, state, rng);
    }

    /// <summary>Fixes the step size at the dual-averaging estimate ε̄ for sampling.</summary>
    public void Finish(ITransitionKernel kernel) => _stepSize.Finish(kernel);
}
