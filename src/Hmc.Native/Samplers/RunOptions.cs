using Hmc.Native.Reporting;

namespace Hmc.Native.Samplers;

/// <summary>
/// What every run uses whatever its sampler: how many chains and draws, warm-up length and step-size adaptation, the
/// seed, and where the draws and progress go. Split from the flat <see cref="SampleOptions"/> once it is checked.
/// </summary>
/// <param name="NumSamples">Kept draws per chain.</param>
/// <param name="Burn">Warm-up iterations per chain (<see cref="SampleOptionsCheck.WarmUpIterations"/>).</param>
/// <param name="Thin">Keep every <c>Thin</c>-th transition.</param>
/// <param name="Chains">Chains in the run (null: one per core of the parallelism policy, or 1 with a <paramref name="ChainId"/>).</param>
/// <param name="ChainId">The 1-based id of the first chain (<see cref="SampleOptions.ChainId"/>; null: 1).</param>
/// <param name="Seed">The seed of every chain's stream (null: drawn and reported).</param>
/// <param name="StepSize">ε, the starting value when adapted.</param>
/// <param name="AdaptStepSize">Whether warm-up adapts ε by dual averaging.</param>
/// <param name="DesiredAcceptRate">The target accept statistic of that adaptation.</param>
/// <param name="ParameterNames">Names of the parameters in output (null: <c>theta.1, theta.2, …</c>).</param>
/// <param name="CsvPath">Where each chain's CmdStan CSV goes, or null.</param>
/// <param name="StoreDraws">Whether kept draws are held in the result.</param>
/// <param name="DrawSinkFactory">A sink per chain, or null.</param>
/// <param name="Progress">Receives progress reports, or null.</param>
/// <param name="Verbose">Print the progress line.</param>
internal sealed record RunOptions(
    int NumSamples,
    int Burn,
    int Thin,
    int? Chains,
    int? ChainId,
    ulong? Seed,
    double StepSize,
    bool AdaptStepSize,
    double DesiredAcceptRate,
    IReadOnlyList<string>? ParameterNames,
    string? CsvPath,
    bool StoreDraws,
    Func<int, IDrawSink>? DrawSinkFactory,
    IProgress<SamplingProgress>? Progress,
    bool Verbose)
{
    /// <summary>The 0-based index, in the whole run, of this call's first chain.</summary>
    public int FirstChain => (ChainId ?? 1) - 1;

    /// <summary>The run options of checked <paramref name="options"/>.</summary>
    public static RunOptions From(SampleOptions options) =>
        new(options.NumSamples, SampleOptionsCheck.WarmUpIterations(options), options.Thin, options.ChainId is null ? options.Chains : options.Chains ?? 1,
            options.ChainId, options.Seed, options.StepSize,
            SampleOptionsCheck.AdaptsStepSize(options), options.DesiredAcceptRate, options.ParameterNames, options.CsvPath,
            options.StoreDraws, options.DrawSinkFactory, options.Progress, options.Verbose);
}
