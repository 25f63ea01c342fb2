using System.Globalization;
using System.Text;

namespace Hmc.Native.Diagnostics;

/// <summary>
/// The summary of a whole run as CmdStan's <c>stansummary</c> prints it: one row per column (<see cref="ParameterSummary"/>:
/// mean, MCSE, sd, 5/50/95% quantiles, bulk and tail ESS, R̂), the sampler's columns (<c>lp__</c>,
/// <c>accept_stat__</c>, …, every column ending in <c>__</c>) apart from the parameters, and under the table the
/// warnings Stan gives after sampling: divergent transitions, transitions that hit the maximum tree depth, and chains
/// whose E-BFMI (<see cref="Diagnostics.EnergyBfmi"/>) is below 0.3. <see cref="ToString"/> renders it.
/// </summary>
public sealed class RunSummary
{
    private readonly Dictionary<string, ParameterSummary> _byName;

    private RunSummary(
        int chains, int drawsPerChain, IReadOnlyList<ParameterSummary> sampler, IReadOnlyList<ParameterSummary> parameters,
        int? divergences, int? maxTreeDepth, int? treeDepthSaturations, IReadOnlyList<double> energyBfmi, IReadOnlyList<int> chainIds)
    {
        ChainIds = chainIds;
        Chains = chains;
        DrawsPerChain = drawsPerChain;
        SamplerStatistics = sampler;
        Parameters = parameters;
        Divergences = divergences;
        MaxTreeDepth = maxTreeDepth;
        TreeDepthSaturations = treeDepthSaturations;
        EnergyBfmi = energyBfmi;
        _byName = new Dictionary<string, ParameterSummary>(StringComparer.Ordinal);
        foreach (var row in sampler.Concat(parameters)) _byName[row.Name] = row;
        Warnings = CreateWarnings();
    }

    /// <summary>The number of chains.</summary>
    public int Chains { get; }

    /// <summary>The id of each chain (CmdStan's <c>id</c>, from 1), as the warnings name them.</summary>
    public IReadOnlyList<int> ChainIds { get; }

    /// <summary>The number of draws in each chain.</summary>
    public int DrawsPerChain { get; }

    /// <summary>The rows of the sampler's columns: <c>lp__</c> first, then the other columns ending in <c>__</c> in their order.</summary>
    public IReadOnlyList<ParameterSummary> SamplerStatistics { get; }

    /// <summary>The rows of the parameters (and generated quantities), in column order.</summary>
    public IReadOnlyList<ParameterSummary> Parameters { get; }

    /// <summary>The kept transitions that diverged (non-zero <c>divergent__</c>) over all chains; null without that column.</summary>
    public int? Divergences { get; }

    /// <summary>The sampler's maximum tree depth (NUTS' <c>max_depth</c>), or null when there is none or it is not known.</summary>
    public int? MaxTreeDepth { get; }

    /// <summary>The kept transitions whose <c>treedepth__</c> reached <see cref="MaxTreeDepth"/>, over all chains; null
    /// without a maximum tree depth or a <c>treedepth__</c> column.</summary>
    public int? TreeDepthSaturations { get; }

    /// <summary>The E-BFMI of each chain from its <c>energy__</c> column (<see cref="Diagnostics.EnergyBfmi.Of"/>); empty without that column.</summary>
    public IReadOnlyList<double> EnergyBfmi { get; }

    /// <summary>The warnings printed under the table, one sentence each; empty when there is nothing to warn about.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The row of the named column.</summary>
    /// <exception cref="KeyNotFoundException">No column of that name.</exception>
    public ParameterSummary this[string name] =>
        _byName.TryGetValue(name, out var row) ? row : throw new KeyNotFoundException($"The summary has no row '{name}'; rows: {string.Join(", ", _byName.Keys)}.");

    /// <summary>
    /// Summarises a run from its columns: <paramref name="draws"/>[chain][column] holds the kept draws of column
    /// <paramref name="columnNames"/>[column] in chain <paramref name="draws"/>[chain]. Columns ending in <c>__</c> are the
    /// sampler's; the others are parameters.
    /// </summary>
    /// <param name="columnNames">The column names (unique).</param>
    /// <param name="draws">[chain][column][draw]; every chain and column has the same number of draws (at least 1).</param>
    /// <param name="maxTreeDepth">NUTS' maximum tree depth, for the tree-depth warning; null when the sampler has none.</param>
    /// <param name="chainIds">The chains' ids for the warnings; null: 1, 2, ….</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No chain, a chain without one array per column, a repeated name, draws of different
    /// lengths, or not one id per chain.</exception>
    public static RunSummary Of(IReadOnlyList<string> columnNames, IReadOnlyList<IReadOnlyList<double[]>> draws, int? maxTreeDepth = null,
        IReadOnlyList<int>? chainIds = null)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(draws);
        if (draws.Count == 0) throw new ArgumentException("At least one chain is needed.", nameof(draws));
        if (columnNames.Distinct(StringComparer.Ordinal).Count() != columnNames.Count)
            throw new ArgumentException($"Column names repeat: {string.Join(", ", columnNames)}.", nameof(columnNames));
        if (chainIds is not null && chainIds.Count != draws.Count)
            throw new ArgumentException($"{chainIds.Count} chain ids were given for {draws.Count} chains.", nameof(chainIds));
        int n = -1;
        for (int c = 0; c < draws.Count; c++)
        {
            if (draws[c] is null || draws[c].Count != columnNames.Count)
                throw new ArgumentException($"Chain {c + 1} must hold one array per column ({columnNames.Count}).", nameof(draws));
            foreach (var column in draws[c])
            {
                if (n < 0) n = column?.Length ?? 0;
                if (column is null || column.Length != n || n == 0)
                    throw new ArgumentException($"Every column of every chain must hold the same number of draws, at least 1; chain {c + 1} differs.", nameof(draws));
            }
        }

        var chainMajor = new double[draws.Count * n];
        ParameterSummary Row(int column)
        {
            for (int c = 0; c < draws.Count; c++) draws[c][column].CopyTo(chainMajor, c * n);
            return Summary.Of(columnNames[column], new ChainDraws(chainMajor, draws.Count, n));
        }
        var sampler = new List<ParameterSummary>();
        var parameters = new List<ParameterSummary>();
        int lp = IndexOf(columnNames, "lp__");
        if (lp >= 0) sampler.Add(Row(lp));
        for (int j = 0; j < columnNames.Count; j++)
        {
            if (j == lp) continue;
            (columnNames[j].EndsWith("__", StringComparison.Ordinal) ? sampler : parameters).Add(Row(j));
        }

        int divergent = IndexOf(columnNames, "divergent__");
        int? divergences = divergent < 0 ? null : draws.Sum(chain => chain[divergent].Count(v => v != 0));
        int treeDepth = IndexOf(columnNames, "treedepth__");
        int? saturations = treeDepth < 0 || maxTreeDepth is null ? null : draws.Sum(chain => chain[treeDepth].Count(v => v >= maxTreeDepth));
        int energy = IndexOf(columnNames, "energy__");
        double[] bfmi = energy < 0 ? [] : [.. draws.Select(chain => Diagnostics.EnergyBfmi.Of(chain[energy]))];
        return new RunSummary(draws.Count, n, sampler, parameters, divergences, maxTreeDepth, saturations, bfmi,
            chainIds ?? [.. Enumerable.Range(1, draws.Count)]);
    }

    /// <summary>
    /// The table (<see cref="SummaryTable.FormatBlocks"/>: the sampler's rows, then the parameters) under a line giving the
    /// chains and draws, followed by the <see cref="Warnings"/>; every line ends in '\n'.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Chains} chain{(Chains == 1 ? "" : "s")}: each with {DrawsPerChain} draw{(DrawsPerChain == 1 ? "" : "s")}; {Chains * DrawsPerChain} draws in all.\n\n");
        text.Append(SummaryTable.FormatBlocks([SamplerStatistics, Parameters]));
        foreach (string warning in Warnings) text.Append('\n').Append(warning).Append('\n');
        return text.ToString();
    }

    private List<string> CreateWarnings()
    {
        var warnings = new List<string>();
        int total = Chains * DrawsPerChain;
        string Share(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} of {total} ({100.0 * count / total:0.#}%)");
        if (Divergences is > 0 and var d)
            warnings.Add($"{Share(d)} transitions ended with a divergence. These divergent transitions indicate that HMC is not fully able "
                + "to explore the posterior distribution. Try increasing the target acceptance rate closer to 1; if divergences remain, reparameterise the model.");
        if (TreeDepthSaturations is > 0 and var t)
            warnings.Add($"{Share(t)} transitions hit the maximum tree depth limit of {MaxTreeDepth}, or 2^{MaxTreeDepth} leapfrog steps. "
                + "Trajectories cut short by this limit explore slowly; for optimal performance, increase the limit.");
        for (int c = 0; c < EnergyBfmi.Count; c++)
        {
            if (EnergyBfmi[c] < Diagnostics.EnergyBfmi.Threshold)
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Chain {ChainIds[c]}: E-BFMI = {EnergyBfmi[c]:0.###}, below the nominal threshold of {Diagnostics.EnergyBfmi.Threshold}, which suggests that HMC may have trouble exploring the target distribution. If possible, reparameterise the model."));
        }
        return warnings;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name) return i;
        }
        return -1;
    }
}
