using System.Globalization;
using Hmc.Native.Diagnostics;

namespace Hmc.Native.Reporting;

/// <summary>
/// Summarises CmdStan CSV files, one per chain, as chains of one run (<see cref="RunSummary"/>): files written by
/// <see cref="CmdStanCsvWriter"/>, by CmdStan or by rstan's <c>sample_file</c>, also chains of one run sampled on
/// different machines (<see cref="Samplers.SampleOptions.ChainId"/>).
/// </summary>
public static class CmdStanCsvSummary
{
    /// <summary>
    /// The summary of the kept draws of <paramref name="chains"/>. Warm-up rows saved in a file (<c>save_warmup = 1</c>)
    /// are left out: the first ⌈<c>num_warmup</c>/<c>thin</c>⌉ rows (rstan calls the key <c>warmup</c>). Chains of
    /// different lengths are cut to the shortest. The maximum tree depth of the tree-depth warning is the files'
    /// <c>max_depth</c> (rstan: <c>max_treedepth</c>) when their engine is NUTS, and each chain is named by its
    /// <c>id</c> (rstan: <c>chain_id</c>), or by its position when the files do not give distinct ids.
    /// </summary>
    /// <param name="chains">The files' contents, one per chain.</param>
    /// <param name="sources">The files' names for error messages (null: chain 1, 2, …).</param>
    /// <exception cref="ArgumentException">No chain, or not one source per chain.</exception>
    /// <exception cref="InvalidDataException">The files' columns differ, a file keeps no draw, or a file saves warm-up
    /// rows without saying how many.</exception>
    public static RunSummary Of(IReadOnlyList<CmdStanCsv> chains, IReadOnlyList<string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(chains);
        if (chains.Count == 0) throw new ArgumentException("At least one CSV file (chain) is needed.", nameof(chains));
        if (sources is not null && sources.Count != chains.Count)
            throw new ArgumentException($"{sources.Count} sources were given for {chains.Count} chains.", nameof(sources));
        string Source(int c) => sources?[c] ?? $"chain {c + 1}";
        var names = chains[0].ColumnNames;
        var firstKept = new int[chains.Count];
        int draws = int.MaxValue;
        for (int c = 0; c < chains.Count; c++)
        {
            if (!chains[c].ColumnNames.SequenceEqual(names, StringComparer.Ordinal))
                throw new InvalidDataException($"{Source(c)} has columns {string.Join(",", chains[c].ColumnNames)}; {Source(0)} has {string.Join(",", names)}.");
            firstKept[c] = WarmUpRows(chains[c], Source(c));
            int kept = chains[c].DrawCount - firstKept[c];
            if (kept <= 0) throw new InvalidDataException($"{Source(c)} holds no draw after warm-up.");
            draws = Math.Min(draws, kept);
        }
        var columns = new List<IReadOnlyList<double[]>>(chains.Count);
        for (int c = 0; c < chains.Count; c++)
        {
            var chainColumns = new double[names.Count][];
            for (int j = 0; j < names.Count; j++) chainColumns[j] = chains[c].Column(j).Slice(firstKept[c], draws).ToArray();
            columns.Add(chainColumns);
        }
        return RunSummary.Of(names, columns, MaxTreeDepth(chains[0]), ChainIds(chains));
    }

    /// <summary>Reads every file and summarises them as chains of one run; see <see cref="Of(IReadOnlyList{CmdStanCsv}, IReadOnlyList{string}?)"/>.</summary>
    /// <exception cref="ArgumentException">No path.</exception>
    /// <exception cref="InvalidDataException">A file is not CmdStan CSV, or the files do not fit together (the message names the file).</exception>
    public static RunSummary Of(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Of([.. paths.Select(CmdStanCsvReader.Read)], paths);
    }

    private static int WarmUpRows(CmdStanCsv csv, string source)
    {
        if (!csv.Settings.TryGetValue("save_warmup", out var saved) || saved is not ("1" or "true")) return 0;
        if (!TryInteger(csv, "num_warmup", out int warmUp) && !TryInteger(csv, "warmup", out warmUp))
            throw new InvalidDataException($"{source} saves its warm-up draws (save_warmup = {saved}) but gives no num_warmup.");
        int thin = TryInteger(csv, "thin", out int t) && t > 0 ? t : 1;
        return (warmUp + thin - 1) / thin;
    }

    private static int? MaxTreeDepth(CmdStanCsv csv)
    {
        bool nuts = csv.Settings.TryGetValue("engine", out var engine)
            ? engine == "nuts"
            : csv.Settings.TryGetValue("sampler_t", out var sampler) && sampler.StartsWith("NUTS", StringComparison.Ordinal);
        if (!nuts) return null;
        return TryInteger(csv, "max_depth", out int depth) || TryInteger(csv, "max_treedepth", out depth) ? depth : null;
    }

    private static int[]? ChainIds(IReadOnlyList<CmdStanCsv> chains)
    {
        var ids = new int[chains.Count];
        for (int c = 0; c < chains.Count; c++)
        {
            if (!TryInteger(chains[c], "id", out ids[c]) && !TryInteger(chains[c], "chain_id", out ids[c])) return null;
        }
        return ids.Distinct().Count() == ids.Length ? ids : null;
    }

    private static bool TryInteger(CmdStanCsv csv, string key, out int value)
    {
        value = 0;
        return csv.Settings.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
