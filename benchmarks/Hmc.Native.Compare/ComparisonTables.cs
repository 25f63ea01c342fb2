using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hmc.Native.Compare;

/// <summary>
/// The tables of one comparison run, read from its folder: <c>peer/RUN_rK.json</c> (the hamiltorch harness's
/// report) with <c>peer/RUN_rK.draws.csv</c> (its draws), <c>ours/RUN_rK.json</c> and <c>nuts/NAME_rK.json</c>
/// (<c>hmc sample --json</c> reports) with <c>.time</c> files beside them (the process's CPU seconds from
/// <c>/usr/bin/time</c>), and <c>bdn/results/*SamplerBenchmarks-report.csv</c> (the steady-state BenchmarkDotNet
/// timings of the same HMC runs). Timings are the median over the repeats K (with the range); draws do not change between
/// repeats (fixed seeds), so the ESS is taken from the first.
/// </summary>
internal static class ComparisonTables
{
    private static readonly string[] PeerRuns = ["A1", "B1", "C_gauss"];

    private static readonly (string Run, string Benchmark, int Transitions)[] SteadyStateRuns = [("A1", "HmcGaussian400", 400), ("B1", "HmcFunnel500", 500)];

    private static readonly (string Name, string Label, double StanEssPerSecond, double? StanGradientsPerSecond, double? StanWarmUpSeconds)[] NutsRuns =
    [
        ("gaussian", "3-D Gaussian", 84_900, null, null),
        ("funnel", "funnel (D = 10)", 251, 659_000, null),
        ("mvn100", "100-D Gaussian, eigenvalues 0.01..100, rotated", 568, null, 164),
    ];

    /// <summary>Formats the tables of the run in <paramref name="dir"/>.</summary>
    public static string Format(string dir)
    {
        var text = new StringBuilder();
        PeerTables(dir, text);
        SteadyStateTable(dir, text);
        NutsTable(dir, text);
        return text.ToString();
    }

    private static void PeerTables(string dir, StringBuilder text)
    {
        text.AppendLine("## hamiltorch vs Hmc.Native, same settings, one chain, seed 123");
        text.AppendLine();
        text.AppendLine("Wall: the sample call (burn/warm-up included), median (min-max) over the repeats. Transitions: burn + kept.");
        text.AppendLine("CPU: hamiltorch's process CPU time of the sample call; ours the whole `hmc` process (.NET start-up, JIT, summary included),");
        text.AppendLine("so the CPU ratio understates ours. Ratios: Hmc.Native / hamiltorch.");
        text.AppendLine();
        text.AppendLine("| run | transitions | hamiltorch wall s | ours wall s | hamiltorch transitions/s | ours transitions/s | ratio (wall) | hamiltorch CPU s | ours CPU s (process) | ratio (CPU) | ours kept draws/s (sampling phase) | accept hamiltorch / ours |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        var essRows = new StringBuilder();
        foreach (var run in PeerRuns)
        {
            var ours = Runs.Read(Path.Combine(dir, "ours"), run, "wall_seconds");
            if (ours is null) continue;
            var peer = Runs.Read(Path.Combine(dir, "peer"), run, "wall_s");
            var o = ours.First;
            int oursTransitions = ((int)Number(o, "burn") + (int)Number(o, "num_samples")) * (int)Number(o, "chains");
            int oursKept = (int)Number(o, "num_samples") * (int)Number(o, "chains");
            double oursEss = MinBulkEss(o);
            double oursRate = oursTransitions / ours.Wall, oursCpuRate = oursTransitions / ours.Cpu;
            double oursSamplingRate = oursKept / Median(ours.Reports.Select(r => Number(r, "sampling_seconds")));
            if (peer is null)
            {
                text.AppendLine($"| {run} | {oursTransitions} | skipped | {ours.WallText} | - | {F(oursRate)} | - | - | {F(ours.Cpu)} | - | {F(oursSamplingRate)} | - / {F(Number(o, "acceptance_rate"))} |");
                essRows.AppendLine($"| {run} | - | {oursKept} | - | {F(oursEss)} | - | {F(oursEss / ours.Wall)} | - | - | - |");
                continue;
            }
            var p = peer.First;
            int peerTransitions = (int)Number(p, "iterations");
            int peerKept = (int)Number(p, "stored_samples_excl_init");
            double peerCpu = Median(peer.Reports.Select(r => Number(r, "cpu_s")));
            double peerRate = peerTransitions / peer.Wall, peerCpuRate = peerTransitions / peerCpu;
            double peerEss = DrawsCsv.MinBulkEss(Path.Combine(dir, "peer", $"{run}_r1.draws.csv"));
            text.AppendLine($"| {run} | {peerTransitions} / {oursTransitions} | {peer.WallText} | {ours.WallText} | {F(peerRate)} | {F(oursRate)} | {F(oursRate / peerRate)} | {F(peerCpu)} | {F(ours.Cpu)} | {F(oursCpuRate / peerCpuRate)} | {F(oursSamplingRate)} | {F(Number(p, "printed_acceptance_rate"))} / {F(Number(o, "acceptance_rate"))} |");
            essRows.AppendLine($"| {run} | {peerKept} | {oursKept} | {F(peerEss)} | {F(oursEss)} | {F(peerEss / peer.Wall)} | {F(oursEss / ours.Wall)} | {F(oursEss / ours.Wall / (peerEss / peer.Wall))} | {F(oursEss / ours.Cpu / (peerEss / peerCpu))} | {F(Number(p, "ess_min"))} |");
        }
        text.AppendLine();
        text.AppendLine("Min bulk ESS: the rank-normalised split-chain bulk ESS of Vehtari et al. (2021) (Hmc.Native.Diagnostics), computed the same way for both draw sets.");
        text.AppendLine();
        text.AppendLine("| run | hamiltorch kept | ours kept | hamiltorch min bulk ESS | ours min bulk ESS | hamiltorch min bulk ESS/s | ours min bulk ESS/s | ratio (wall) | ratio (CPU) | hamiltorch min ESS (harness's unsplit Geyer) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        text.Append(essRows);
        text.AppendLine();
    }

    private static void SteadyStateTable(string dir, StringBuilder text)
    {
        var means = BenchmarkCsv.MeanSeconds(Path.Combine(dir, "bdn", "results", "Hmc.Native.Benchmarks.Suites.SamplerBenchmarks-report.csv"));
        if (means.Count == 0) return;
        text.AppendLine("## Steady state: BenchmarkDotNet (--job short, JIT warmed up, in-process) against the same hamiltorch runs");
        text.AppendLine();
        text.AppendLine("| run | hamiltorch transitions/s (wall) | Hmc.Native mean per run | Hmc.Native transitions/s | ratio |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var (run, benchmark, transitions) in SteadyStateRuns)
        {
            if (!means.TryGetValue(benchmark, out double seconds)) continue;
            var peer = Runs.Read(Path.Combine(dir, "peer"), run, "wall_s");
            double peerRate = peer is null ? double.NaN : Number(peer.First, "iterations") / peer.Wall;
            text.AppendLine($"| {run} ({benchmark}) | {F(peerRate)} | {F(seconds * 1e3)} ms | {F(transitions / seconds)} | {F(transitions / seconds / peerRate)} |");
        }
        text.AppendLine();
    }

    private static void NutsTable(string dir, StringBuilder text)
    {
        text.AppendLine("## Hmc.Native NUTS (4 chains in parallel, 1000 warm-up + 1000 draws each) and Stan's figures");
        text.AppendLine();
        text.AppendLine("Wall: the whole run, median (min-max) over the repeats; warm-up s = wall - sampling s, where sampling s is the sampling phase of the");
        text.AppendLine("slowest chain. CPU: the whole `hmc` process. Gradients: leapfrog steps over all chains, warm-up included.");
        text.AppendLine("Stan columns: figures quoted in benchmarks/RESULTS.md, not measured by this script; the ratio is ours (sampling) / Stan.");
        text.AppendLine();
        text.AppendLine("| target | wall s | warm-up s | sampling s | CPU s | gradients | gradients/s (wall) | gradients per CPU s | divergences | step size (mean) | min bulk ESS | min bulk ESS/s (wall) | min bulk ESS/s (sampling) | Stan min bulk ESS/s | ratio | Stan gradients/s | Stan warm-up s |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, label, stanEss, stanGradients, stanWarmUp) in NutsRuns)
        {
            var runs = Runs.Read(Path.Combine(dir, "nuts"), name, "wall_seconds");
            if (runs is null) continue;
            double sampling = Median(runs.Reports.Select(r => Number(r, "sampling_seconds")));
            double warmUp = Median(runs.Reports.Select(r => Number(r, "wall_seconds") - Number(r, "sampling_seconds")));
            var o = runs.First;
            double gradients = Number(o, "gradient_evaluations");
            double ess = MinBulkEss(o);
            text.AppendLine($"| {label} | {runs.WallText} | {F(warmUp)} | {F(sampling)} | {F(runs.Cpu)} | {F(gradients)} | {F(gradients / runs.Wall)} | {F(gradients / runs.Cpu)} | {Number(o, "divergences"):F0} | {F(Number(o, "step_size"))} | {F(ess)} | {F(ess / runs.Wall)} | {F(ess / sampling)} | {F(stanEss)} | {F(ess / sampling / stanEss)} | {F(stanGradients)} | {F(stanWarmUp)} |");
        }
        text.AppendLine();
    }

    private static double MinBulkEss(JsonElement report) => report.GetProperty("params").EnumerateArray().Min(p => Number(p, "ess_bulk"));

    private static double Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }

    /// <summary>A number for a table: thousands separated from 1000, one decimal from 10, three significant digits below.</summary>
    private static string F(double? value) => value switch
    {
        null or double.NaN => "-",
        >= 1000 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.Value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("G3", CultureInfo.InvariantCulture),
    };

    /// <summary>The repeats of one run: their reports, median wall seconds (with the range) and median process CPU seconds.</summary>
    private sealed record Runs(IReadOnlyList<JsonElement> Reports, double Wall, string WallText, double Cpu)
    {
        public JsonElement First => Reports[0];

        /// <summary>Reads <c>dir/RUN_r*.json</c> and the CPU seconds of their <c>.time</c> files; null when there are none.</summary>
        public static Runs? Read(string dir, string run, string wallField)
        {
            if (!Directory.Exists(dir)) return null;
            var files = Directory.GetFiles(dir, $"{run}_r*.json").Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0) return null;
            var reports = files.Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone()).ToList();
            var walls = reports.Select(r => Number(r, wallField)).ToArray();
            string range = walls.Length > 1 ? $" ({F(walls.Min())}-{F(walls.Max())})" : "";
            var cpu = files.Select(f => Path.ChangeExtension(f, ".time")).Where(File.Exists).Select(ProcessCpuSeconds).ToArray();
            return new Runs(reports, Median(walls), F(Median(walls)) + range, cpu.Length > 0 ? Median(cpu) : double.NaN);
        }

        /// <summary>User + system seconds from a <c>/usr/bin/time -f "%U %S"</c> file (its last line).</summary>
        private static double ProcessCpuSeconds(string path)
        {
            var parts = File.ReadLines(path).Last(l => l.Trim().Length > 0).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return double.Parse(parts[0], CultureInfo.InvariantCulture) + double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
    }
}
