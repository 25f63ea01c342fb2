using Hmc.Native.Diagnostics;

namespace Hmc.Native.Samplers;

/// <summary>Everything a run produced: draws [chain, draw, parameter], per-draw statistics, diagnostics inputs and timings.</summary>
public sealed class SamplingResult
{
    internal SamplingResult(ChainResult[] chains, IReadOnlyList<string> names, ulong seed, double wallSeconds)
    {
        Chains = chains;
        ParameterNames = names;
        Seed = seed;
        WallSeconds = wallSeconds;
    }

    /// <summary>Each chain's result.</summary>
    public IReadOnlyList<ChainResult> Chains { get; }

    /// <summary>The parameter names, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The seed the chains' streams were derived from.</summary>
    public ulong Seed { get; }

    /// <summary>Seconds of the whole run (warm-up included).</summary>
    public double WallSeconds { get; }

    /// <summary>The number of parameters.</summary>
    public int Dimension => ParameterNames.Count;

    /// <summary>True when the run was cancelled.</summary>
    public bool Cancelled => Chains.Any(c => c.Cancelled);

    /// <summary>The longest time one chain spent producing kept draws (chains run in parallel).</summary>
    public double SamplingSeconds => Chains.Max(c => c.SamplingSeconds);

    /// <summary>Kept draws over all chains.</summary>
    public int TotalDraws => Chains.Sum(c => c.Statistics.Count);

    /// <summary>hamiltorch's acceptance rate: the mean over chains of <see cref="ChainResult.AcceptanceRate"/>.</summary>
    public double AcceptanceRate => Chains.Where(c => c.Statistics.Count > 0).Select(c => c.AcceptanceRate).DefaultIfEmpty(double.NaN).Average();

    /// <summary>Kept transitions with a divergence, over all chains.</summary>
    public int Divergences => Chains.Sum(c => c.Divergences);

    /// <summary>Proposals rejected for a non-finite value, over all chains.</summary>
    public int InvalidProposals => Chains.Sum(c => c.InvalidProposals);

    /// <summary>Integrator steps over all chains (warm-up included).</summary>
    public long LeapfrogSteps => Chains.Sum(c => c.LeapfrogSteps);

    /// <summary>Gradient evaluations of warm-up over all chains (<see cref="ChainResult.GradientEvaluationsWarmUp"/>).</summary>
    public long GradientEvaluationsWarmUp => Chains.Sum(c => c.GradientEvaluationsWarmUp);

    /// <summary>Gradient evaluations of sampling over all chains (<see cref="ChainResult.GradientEvaluationsSampling"/>).</summary>
    public long GradientEvaluationsSampling => Chains.Sum(c => c.GradientEvaluationsSampling);

    /// <summary>Gradient evaluations of the whole run, warm-up and sampling, over all chains: the cost in ESS per gradient.</summary>
    public long GradientEvaluations => GradientEvaluationsWarmUp + GradientEvaluationsSampling;

    /// <summary>
    /// hamiltorch's return value: the kept parameter vectors, chain after chain (hamiltorch also puts the initial
    /// parameters first; we return draws only).
    /// </summary>
    public IReadOnlyList<double[]> Samples => Chains.SelectMany(c => c.Draws).ToList();

    /// <summary>The draws as [chain, draw, parameter], cut to the shortest chain (chains differ only after a cancellation).</summary>
    public double[,,] DrawArray()
    {
        int draws = Chains.Min(c => c.Draws.Count);
        var result = new double[Chains.Count, draws, Dimension];
        for (int c = 0; c < Chains.Count; c++)
            for (int d = 0; d < draws; d++)
                for (int p = 0; p < Dimension; p++) result[c, d, p] = Chains[c].Draws[d][p];
        return result;
    }

    /// <summary>
    /// The run's summary as CmdStan's <c>stansummary</c> prints it (<see cref="RunSummary"/>; its <c>ToString()</c> renders the
    /// table and Stan's warnings): a row for <c>lp__</c> and each sampler statistic (<see cref="DrawStatistics.ColumnNames"/>),
    /// then one per parameter, over every chain cut to the shortest (chains differ only after a cancellation). Without
    /// stored draws (<see cref="SampleOptions.StoreDraws"/> false) only the sampler's rows are given.
    /// </summary>
    /// <exception cref="InvalidOperationException">No chain kept a draw.</exception>
    public RunSummary Summary()
    {
        int draws = Chains.Min(c => c.Statistics.Count);
        if (draws == 0) throw new InvalidOperationException("No chain kept a draw, so there is nothing to summarise.");
        bool withParameters = Chains.All(c => c.Draws.Count >= draws);
        var names = withParameters ? DrawStatistics.ColumnNames.Concat(ParameterNames).ToArray() : [.. DrawStatistics.ColumnNames];
        int statistics = DrawStatistics.ColumnNames.Count;
        var columns = new List<IReadOnlyList<double[]>>(Chains.Count);
        Span<double> row = stackalloc double[statistics];
        foreach (var chain in Chains)
        {
            var chainColumns = new double[names.Length][];
            for (int j = 0; j < names.Length; j++) chainColumns[j] = new double[draws];
            for (int d = 0; d < draws; d++)
            {
                chain.Statistics[d].CopyColumns(row);
                for (int j = 0; j < statistics; j++) chainColumns[j][d] = row[j];
                if (!withParameters) continue;
                var position = chain.Draws[d];
                for (int p = 0; p < Dimension; p++) chainColumns[statistics + p][d] = position[p];
            }
            columns.Add(chainColumns);
        }
        int? maxTreeDepth = Chains.Select(c => c.MaxTreeDepth).FirstOrDefault(m => m is not null);
        return RunSummary.Of(names, columns, maxTreeDepth, [.. Chains.Select(c => c.Chain + 1)]);
    }

    /// <summary>The draws of parameter <paramref name="parameter"/> as [chain][draw], cut to the shortest chain.</summary>
    public double[][] ParameterDraws(int parameter)
    {
        int draws = Chains.Min(c => c.Draws.Count);
        return Chains.Select(c => Enumerable.Range(0, draws).Select(d => c.Draws[d][parameter]).ToArray()).ToArray();
    }
}
