using System.Diagnostics;
using Hmc.Native.Adaptation;
using Hmc.Native.Randomness;
using Hmc.Native.Reporting;

namespace Hmc.Native.Samplers;

/// <summary>
/// Runs one chain: warm-up with adaptation, then the kept draws, handing each to a sink as it comes, reporting
/// progress, and stopping cleanly (keeping what it has) when cancelled. Warm-up draws are not kept and do not
/// count in the acceptance rate.
/// </summary>
public sealed class ChainRunner
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Creates a runner for one chain.</summary>
    /// <param name="chain">The chain index (reported in progress and results).</param>
    /// <param name="kernel">The transition kernel, owned by this chain.</param>
    /// <param name="warmUp">The warm-up plan, or null for none.</param>
    /// <param name="burn">Warm-up iterations.</param>
    /// <param name="samples">Kept draws.</param>
    /// <param name="thin">Keep every thin-th transition after warm-up.</param>
    /// <param name="storeDraws">Hold the kept draws in the result (false: they only go to the sink).</param>
    /// <param name="output">Maps each kept position to the values the draw reports (null: the position itself).</param>
    public ChainRunner(int chain, ITransitionKernel kernel, IWarmUp? warmUp, int burn, int samples, int thin = 1, bool storeDraws = true, IDrawTransform? output = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentOutOfRangeException.ThrowIfNegative(burn);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thin);
        Chain = chain;
        Kernel = kernel;
        _warmUp = warmUp;
        Burn = burn;
        Samples = samples;
        Thin = thin;
        StoreDraws = storeDraws;
        _output = output;
    }

    private readonly IWarmUp? _warmUp;
    private readonly IDrawTransform? _output;

    /// <summary>The chain index.</summary>
    public int Chain { get; }

    /// <summary>The transition kernel.</summary>
    public ITransitionKernel Kernel { get; }

    /// <summary>Warm-up iterations.</summary>
    public int Burn { get; }

    /// <summary>Kept draws.</summary>
    public int Samples { get; }

    /// <summary>Thinning interval.</summary>
    public int Thin { get; }

    /// <summary>Whether kept draws are held in the result (otherwise they only go to the sink).</summary>
    public bool StoreDraws { get; }

    /// <summary>
    /// Runs the chain from <paramref name="initial"/>. When the log-density throws, the chain stops and its result
    /// holds the draws so far with the exception in <see cref="ChainResult.Failure"/>; the sink has every draw kept
    /// before it. The sink's <see cref="IDrawSink.WriteElapsedTime"/> is called last, however the chain ended.
    /// </summary>
    public ChainResult Run(ChainState initial, Rng rng, IDrawSink? sink, IProgress<SamplingProgress>? progress, CancellationToken cancellationToken)
    {
        var draws = new List<double[]>(Samples);
        var statistics = new List<DrawStatistics>(Samples);
        var result = new ChainResult(Chain, draws, statistics) { MaxTreeDepth = (Kernel as IReportsAcceptStatistic)?.MaxTreeDepth };
        try
        {
            Sample(result, draws, statistics, initial, rng, sink, progress, cancellationToken);
        }
        catch (LogDensityException ex)
        {
            result.Failure = ex;
            result.AcceptanceRate = double.NaN;
        }
        sink?.WriteElapsedTime(TimeSpan.FromSeconds(result.WarmUpSeconds), TimeSpan.FromSeconds(result.SamplingSeconds));
        return result;
    }

    private void Sample(ChainResult result, List<double[]> draws, List<DrawStatistics> statistics, ChainState initial, Rng rng, IDrawSink? sink,
        IProgress<SamplingProgress>? progress, CancellationToken cancellationToken)
    {
        var state = initial;
        int total = Burn + Samples * Thin;
        var clock = Stopwatch.StartNew();
        var lastReport = -ProgressInterval;
        double acceptSum = 0;

        _warmUp?.Begin(Kernel, state, rng);
        for (int i = 0; i < Burn; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Cancel(result, clock);
                return;
            }
            (state, var info) = Kernel.Step(rng, state);
            Count(result, info);
            result.GradientEvaluationsWarmUp += info.LeapfrogSteps;
            _warmUp?.Observe(i, Kernel, state, info, rng);
            Report(progress, i + 1, total, warmUp: true, clock, ref lastReport, 0, 0);
        }
        _warmUp?.Finish(Kernel);
        result.GradientEvaluationsWarmUp += _warmUp?.GradientEvaluations ?? 0;
        var stepSized = Kernel as IHasStepSize;
        var euclidean = Kernel as IHasEuclideanMetric;
        result.StepSize = stepSized?.StepSize ?? double.NaN;
        result.Metric = euclidean?.Metric;
        result.InverseMassDiagonal = euclidean?.Metric.InverseMassDiagonal() ?? [];
        result.WarmUpSeconds = clock.Elapsed.TotalSeconds;
        sink?.WriteAdaptation(result.StepSize, result.Metric);

        var sampling = Stopwatch.StartNew();
        bool meanAcceptStat = Kernel is IReportsAcceptStatistic;
        int kept = 0;
        void Keep(in TransitionInfo info, double logDensity, double[] position)
        {
            if (info.Accepted) result.Accepted++;
            if (info.Divergent) result.Divergences++;
            acceptSum += meanAcceptStat ? info.AcceptProbability : info.Accepted ? 1 : 0;
            var stats = DrawStatistics.Of(logDensity, info);
            var reported = _output is null ? position : _output.Map(position);
            if (StoreDraws) draws.Add(reported);
            statistics.Add(stats);
            sink?.WriteDraw(stats, reported);
            kept++;
            Report(progress, Burn + (kept * Thin), total, warmUp: false, clock, ref lastReport, acceptSum, statistics.Count);
        }

        if (Kernel is IRunsSamplingPhase phase)
        {
            var totals = phase.RunSamplingPhase(rng, state, Samples * Thin, Thin, Keep, cancellationToken);
            result.LeapfrogSteps += totals.LeapfrogSteps;
            result.GradientEvaluationsSampling += totals.LeapfrogSteps;
            result.InvalidProposals += totals.InvalidProposals;
        }
        else
        {
            for (int i = 0; i < Samples * Thin; i++)
            {
                if (cancellationToken.IsCancellationRequested) break;
                (state, var info) = Kernel.Step(rng, state);
                Count(result, info);
                result.GradientEvaluationsSampling += info.LeapfrogSteps;
                if ((i + 1) % Thin == 0) Keep(info, state.LogDensity, state.Position);
            }
        }

        result.SamplingSeconds = sampling.Elapsed.TotalSeconds;
        result.AcceptanceRate = statistics.Count > 0 ? acceptSum / statistics.Count : double.NaN;
        result.Cancelled = cancellationToken.IsCancellationRequested && statistics.Count < Samples;
        progress?.Report(new SamplingProgress(Chain, Burn + statistics.Count * Thin, total, false, clock.Elapsed, result.AcceptanceRate));
    }

    private static void Cancel(ChainResult result, Stopwatch clock)
    {
        result.Cancelled = true;
        result.WarmUpSeconds = clock.Elapsed.TotalSeconds;
        result.AcceptanceRate = double.NaN;
    }

    private static void Count(ChainResult result, in TransitionInfo info)
    {
        result.LeapfrogSteps += info.LeapfrogSteps;
        if (info.Invalid) result.InvalidProposals++;
        if (info.FixedPointFailed) result.FixedPointFailures++;
        result.MaxFixedPointIterations = Math.Max(result.MaxFixedPointIterations, info.FixedPointIterations);
        result.MaxFixedPointResidual = Math.Max(result.MaxFixedPointResidual, info.FixedPointResidual);
    }

    private void Report(IProgress<SamplingProgress>? progress, int completed, int total, bool warmUp, Stopwatch clock, ref TimeSpan lastReport, double acceptSum, int kept)
    {
        if (progress is null) return;
        var now = clock.Elapsed;
        if (now - lastReport < ProgressInterval && completed < total) return;
        lastReport = now;
        progress.Report(new SamplingProgress(Chain, completed, total, warmUp, now, kept > 0 ? acceptSum / kept : double.NaN));
    }
}
