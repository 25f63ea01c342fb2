using System.Text.Json;
using System.Text.Json.Serialization;
using Hmc.Native.Cli.Targets;
using Hmc.Native.Diagnostics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Cli.Commands;

/// <summary>One parameter's line of the JSON report.</summary>
public sealed record ParameterReport(
    string Name, double Mean, double Sd, double Q05, double Q50, double Q95, double EssBulk, double EssTail, double Rhat, double McseMean);

/// <summary>
/// The JSON report of one <c>hmc sample</c> run (field names in snake case): settings, timings, throughput,
/// acceptance, divergences, the per-parameter summary, and for the funnel the KL divergence of v.
/// </summary>
public sealed record RunReport(
    string Target,
    string Sampler,
    string Integrator,
    string Metric,
    int NumSamples,
    int Burn,
    int Chains,
    ulong Seed,
    double WallSeconds,
    double WarmupSeconds,
    double SamplingSeconds,
    double SamplesPerSecond,
    long GradientEvaluations,
    double AcceptanceRate,
    int Divergences,
    int InvalidProposals,
    int FixedPointFailures,
    int MaxFixedPointIterations,
    double MaxFixedPointResidual,
    double StepSize,
    IReadOnlyList<ParameterReport> Params,
    double? KlV)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    /// <summary>A finished run: the sampling result, its summary rows and its report.</summary>
    public sealed record Completed(SamplingResult Result, IReadOnlyList<ParameterSummary> Summaries, RunReport Report);

    /// <summary>
    /// Samples <paramref name="target"/>, printing progress to <paramref name="progress"/>, and writes the JSON report when
    /// a path is given. A cancelled run returns the draws kept before the cancel (<see cref="SamplingResult.Cancelled"/>).
    /// </summary>
    public static Completed Execute(Target target, SampleOptions options, TextWriter progress, string? jsonPath, CancellationToken cancellationToken = default)
    {
        var line = Progress(progress, options);
        var run = options with { Verbose = false, Progress = line };
        var result = target.TensorFunction is { } f && options.Sampler is Hmc.Native.Samplers.Sampler.Rmhmc or Hmc.Native.Samplers.Sampler.RmNuts
            ? Sampling.Sample(f, target.Initial, run, cancellationToken)
            : Sampling.Sample(target.Density, target.Initial, run, cancellationToken);
        line?.Complete(result.AcceptanceRate);
        var summaries = Summarize(result);
        var report = From(target.Name, options, result, summaries);
        if (jsonPath is not null) File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, Json));
        return new Completed(result, summaries, report);
    }

    /// <summary>The summary rows of every parameter over all chains, over as many draws as the shortest chain kept (none when it kept none).</summary>
    public static IReadOnlyList<ParameterSummary> Summarize(SamplingResult result)
    {
        int draws = result.Chains.Min(c => c.Draws.Count);
        if (draws == 0) return [];
        int p = result.Dimension;
        var flat = new double[result.Chains.Count * draws * p];
        int k = 0;
        foreach (var chain in result.Chains)
            for (int d = 0; d < draws; d++)
                foreach (double x in chain.Draws[d]) flat[k++] = x;
        return Summary.Of(result.ParameterNames, flat, result.Chains.Count, draws);
    }

    private static RunReport From(string target, SampleOptions options, SamplingResult result, IReadOnlyList<ParameterSummary> summaries)
    {
        double sampling = result.SamplingSeconds;
        var rows = summaries.Select(s => new ParameterReport(s.Name, s.Mean, s.StandardDeviation, s.Q5, s.Median, s.Q95, s.EssBulk, s.EssTail, s.Rhat, s.McseMean)).ToList();
        double? kl = target == "funnel" ? FunnelTarget.KlOfV(result.Chains.SelectMany(c => c.Draws).Select(d => d[0])) : null;
        return new RunReport(
            target,
            options.Sampler.ToString().ToLowerInvariant(),
            options.Integrator.ToString().ToLowerInvariant(),
            options.Metric.ToString().ToLowerInvariant(),
            options.NumSamples,
            options.Burn,
            result.Chains.Count,
            result.Seed,
            result.WallSeconds,
            result.Chains.Max(c => c.WarmUpSeconds),
            sampling,
            sampling > 0 ? result.TotalDraws / sampling : double.NaN,
            result.LeapfrogSteps,
            result.AcceptanceRate,
            result.Divergences,
            result.InvalidProposals,
            result.Chains.Sum(c => c.FixedPointFailures),
            result.Chains.Max(c => c.MaxFixedPointIterations),
            result.Chains.Max(c => c.MaxFixedPointResidual),
            result.Chains.Average(c => c.StepSize),
            rows,
            kl);
    }

    private static Reporting.ProgressLine? Progress(TextWriter output, SampleOptions options)
    {
        if (output == TextWriter.Null) return null;
        int chains = options.Chains ?? Backends.CpuParallelism.ForMachine().Cores;
        return ConsoleProgress.Start(output, options.Sampler.ToString().ToUpperInvariant(), options.Integrator.ToString().ToUpperInvariant(),
            chains * (options.Burn + options.NumSamples * options.Thin));
    }
}
