using System.Globalization;
using System.Text.Json;
using Hmc.Native.Reporting;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Diagnostics;

/// <summary>
/// The diagnostics fixture in Fixtures/Diagnostics: <see cref="ReferenceDraws"/> written as CmdStan CSV files
/// (<c>SET_K.csv</c>, chain K of data set SET) and <c>posterior.json</c>, what tests/r/diagnostics.R made of them with
/// rstan's <c>read_stan_csv</c> and R's posterior package.
/// </summary>
public static class DiagnosticsFixture
{
    /// <summary>The fixture folder next to the test assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Diagnostics");

    /// <summary>The step size written in the adaptation block of every file.</summary>
    public const double StepSize = 0.5;

    /// <summary>The CSV file of chain <paramref name="chain"/> (0-based) of data set <paramref name="set"/>.</summary>
    public static string File(string folder, string set, int chain) => Path.Combine(folder, $"{set}_{chain + 1}.csv");

    /// <summary>The warm-up seconds written for chain <paramref name="chain"/> (0-based).</summary>
    public static double WarmUpSeconds(int chain) => 0.25 + chain;

    /// <summary>The sampling seconds written for chain <paramref name="chain"/> (0-based).</summary>
    public static double SamplingSeconds(int chain) => 0.5 + 2 * chain;

    /// <summary>Whether draw <paramref name="draw"/> is marked divergent (one in fifty).</summary>
    public static bool Divergent(int draw) => draw % 50 == 49;

    /// <summary>
    /// Writes data set <paramref name="set"/> into <paramref name="folder"/>, one file per chain, with sampler columns
    /// made from the first parameter x: lp__ = −x²/2, energy__ = x²/2 + 1, accept_stat__ 0.9, stepsize__ 0.5,
    /// treedepth__ 2, n_leapfrog__ 3, and every fiftieth draw divergent.
    /// </summary>
    public static void Write(string folder, string set)
    {
        var chains = ReferenceDraws.Columns(set);
        var names = ReferenceDraws.ParameterNames(set);
        var invariant = CultureInfo.InvariantCulture;
        for (int c = 0; c < chains.Length; c++)
        {
            int draws = chains[c][0].Length;
            var settings = new Dictionary<string, string>
            {
                ["model"] = "fixture_" + set,
                ["num_samples"] = draws.ToString(invariant),
                ["num_warmup"] = "0",
                ["engaged"] = "0",
                ["max_depth"] = "10",
                ["id"] = (c + 1).ToString(invariant),
                ["seed"] = "20261203",
            };
            using var writer = new CmdStanCsvWriter(File(folder, set, c), names, settings);
            writer.WriteAdaptation(StepSize, Enumerable.Repeat(1.0, names.Count).ToArray());
            var position = new double[names.Count];
            for (int d = 0; d < draws; d++)
            {
                double x = chains[c][0][d];
                for (int p = 0; p < names.Count; p++) position[p] = chains[c][p][d];
                writer.WriteDraw(new DrawStatistics(-0.5 * x * x, 0.9, StepSize, 2, 3, Divergent(d), 0.5 * x * x + 1), position);
            }
            writer.WriteElapsedTime(TimeSpan.FromSeconds(WarmUpSeconds(c)), TimeSpan.FromSeconds(SamplingSeconds(c)));
        }
    }

    /// <summary>The CSV files of data set <paramref name="set"/> in the fixture folder, chain after chain.</summary>
    public static IReadOnlyList<string> Files(string set) =>
        Enumerable.Range(0, ReferenceDraws.Columns(set).Length).Select(c => File(Folder, set, c)).ToArray();

    /// <summary>The folder of the CmdStan CSV files written by rstan's <c>sample_file</c> (tests/r/rstan-csv.R).</summary>
    public static string RstanFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Rstan");

    /// <summary>R's view of every data set, from posterior.json.</summary>
    public static IReadOnlyList<RSet> RSets { get; } = LoadRSets(Folder);

    /// <summary>R's view of the files rstan wrote (the two-chain run <c>tiny_diag</c>), from Rstan/posterior.json.</summary>
    public static RSet RstanSet => LoadRSets(RstanFolder).Single();

    private static RSet[] LoadRSets(string folder)
    {
        string path = Path.Combine(folder, "posterior.json");
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("sets").EnumerateArray().Select(RSet.From)];
    }

    private static double Number(JsonElement element) => element.ValueKind == JsonValueKind.Null ? double.NaN : element.GetDouble();

    private static double[] Numbers(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray().Select(Number)] : [Number(element)];

    /// <summary>What rstan read from one data set's files and posterior's statistics of each of its variables.</summary>
    public sealed record RSet(
        string Name, int Chains, int DrawsPerChain, int Warmup, int Thin, double[] ChainIds, string[] Samplers, double[] StepSizes,
        double[] WarmUpSeconds, double[] SamplingSeconds, double[] Divergences, double[] Ebfmi, IReadOnlyList<RVariable> Variables)
    {
        public static RSet From(JsonElement set)
        {
            string[] samplers = set.GetProperty("samplers") is { ValueKind: JsonValueKind.Array } array
                ? [.. array.EnumerateArray().Select(s => s.GetString() ?? "")]
                : [set.GetProperty("samplers").GetString() ?? ""];
            return new RSet(
                set.GetProperty("name").GetString()!,
                set.GetProperty("chains").GetInt32(),
                set.GetProperty("draws_per_chain").GetInt32(),
                set.GetProperty("warmup").GetInt32(),
                set.GetProperty("thin").GetInt32(),
                Numbers(set.GetProperty("chain_ids")),
                samplers,
                Numbers(set.GetProperty("step_sizes")),
                Numbers(set.GetProperty("warmup_seconds")),
                Numbers(set.GetProperty("sampling_seconds")),
                Numbers(set.GetProperty("divergences")),
                Numbers(set.GetProperty("ebfmi")),
                [.. set.GetProperty("variables").EnumerateArray().Select(v => RVariable.From(set.GetProperty("name").GetString()!, v))]);
        }

        public override string ToString() => Name;
    }

    /// <summary>posterior's statistics of one variable (NaN where posterior gives NA).</summary>
    public sealed record RVariable(string Set, string Name, IReadOnlyDictionary<string, double> Values)
    {
        public static RVariable From(string set, JsonElement variable)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var property in variable.EnumerateObject())
            {
                if (property.Name != "name") values[property.Name] = Number(property.Value);
            }
            return new RVariable(set, variable.GetProperty("name").GetString()!, values);
        }

        public double this[string statistic] => Values[statistic];

        public override string ToString() => $"{Set}:{Name}";
    }
}
