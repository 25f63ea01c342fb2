using System.Diagnostics;
using Hmc.Native.Diagnostics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// Samples one posteriordb posterior with NUTS and compares it with the reference draws: Stan's defaults (4 chains,
/// 1000 warm-up iterations and 1000 draws each, target acceptance 0.8, diagonal mass matrix, tree depth 10).
/// </summary>
public static class PosteriorDbRun
{
    /// <summary>The seed used when none is given (Stan's side-by-side runs use the same number).</summary>
    public const ulong DefaultSeed = 123;

    /// <summary>What one run produced: the draws, the comparison and the report.</summary>
    public sealed record Outcome(SamplingResult Result, ReferenceComparison Comparison, PosteriorDbReport Report);

    /// <summary>The NUTS options of a run: Stan's defaults with the given seed and warm-up scheme.</summary>
    public static SampleOptions Options(ulong seed, string adaptation = AdaptationChoice.Default) =>
        AdaptationChoice.Apply(adaptation, new SampleOptions { Sampler = Sampler.Nuts, Chains = 4, Burn = 1000, NumSamples = 1000, Seed = seed });

    /// <summary>Builds <paramref name="posterior"/> from its folder under <paramref name="directory"/>, samples it and compares it with the reference.</summary>
    /// <exception cref="DirectoryNotFoundException">The posterior's folder is missing.</exception>
    /// <exception cref="FileNotFoundException">Its data or reference draws are missing.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled before it finished.</exception>
    public static Outcome Run(PosteriorDefinition posterior, string directory, ulong seed = DefaultSeed, string adaptation = AdaptationChoice.Default,
        ComparisonCriteria? criteria = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        var folder = PosteriorDbDirectory.PosteriorFolder(directory, posterior.Name);
        var model = posterior.Create(PosteriorData.Load(Path.Combine(folder, "data.json")));
        var reference = ReferenceDraws.Load(Path.Combine(folder, "reference_draws.json"));
        var options = Options(seed, adaptation);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var result = Sampling.Sample(model, options, cancellationToken: cancellationToken);
        if (result.Cancelled) throw new OperationCanceledException($"The run of {posterior.Name} was cancelled.", cancellationToken);
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var comparison = ReferenceComparison.Compare(result, reference, criteria);
        var summaries = Enumerable.Range(0, result.Dimension).Select(p => Summary.Of(result.ParameterNames[p], result.ParameterDraws(p))).ToList();
        double minBulk = summaries.Min(s => s.EssBulk);
        long warmUp = result.GradientEvaluationsWarmUp, sampling = result.GradientEvaluationsSampling;
        var report = new PosteriorDbReport(
            posterior.Name, comparison.Agrees, minBulk, summaries.Min(s => s.EssTail), summaries.Max(s => s.Rhat),
            warmUp, sampling, minBulk / (warmUp + sampling), minBulk / cpuSeconds, result.Divergences, adaptation.ToLowerInvariant());
        return new Outcome(result, comparison, report);
    }
}
