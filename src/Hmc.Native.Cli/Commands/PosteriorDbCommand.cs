using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Cli.PosteriorDb;

namespace Hmc.Native.Cli.Commands;

/// <summary>
/// <c>hmc posteriordb NAME|--all</c>: samples posteriordb posteriors with NUTS (Stan's defaults), compares each with
/// its reference draws (<see cref="ReferenceComparison"/>) and prints, per posterior, the agreement, the smallest
/// bulk and tail ESS, the gradient evaluations of warm-up and sampling, the ESS per gradient and per CPU second and
/// the divergences, as a table; <c>--json FILE</c> writes the same as a list of <see cref="PosteriorDbReport"/>.
/// </summary>
public static class PosteriorDbCommand
{
    /// <summary>The flags that take a value.</summary>
    public static readonly string[] ValueFlags = ["data", "json", "adaptation", "seed"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    /// <summary>Runs the command; returns the exit code (0 when every posterior agrees, 1 when one does not).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var a = new Arguments(args, ValueFlags, ["all"]);
        var posteriors = Selected(a);
        string adaptation = a.Choice("adaptation", AdaptationChoice.Default, AdaptationChoice.All.Keys.ToDictionary(k => k, k => k));
        ulong seed = (ulong)a.Int("seed", (int)PosteriorDbRun.DefaultSeed, min: 0);
        var directory = PosteriorDbDirectory.Find(a.String("data"))
            ?? throw new UsageException($"no posteriordb directory: give --data DIR, set {PosteriorDbDirectory.EnvironmentVariable}, or run inside the repository with ../shared/posteriordb beside it");
        var reports = new List<PosteriorDbReport>();
        foreach (var posterior in posteriors)
        {
            var outcome = PosteriorDbRun.Run(posterior, directory, seed, adaptation);
            reports.Add(outcome.Report);
            output.WriteLine($"{posterior.Name}: {(outcome.Comparison.Agrees ? "agrees" : "DISAGREES")} with the reference ({outcome.Comparison.Quantities.Count} quantities, z threshold {outcome.Comparison.Threshold:F2})");
            foreach (var failure in outcome.Comparison.Failures) output.WriteLine($"  {failure}");
        }
        output.WriteLine();
        output.Write(Table(reports));
        if (a.String("json") is { } json) File.WriteAllText(json, JsonSerializer.Serialize(reports, Json));
        return reports.All(r => r.Agrees) ? 0 : 1;
    }

    /// <summary>The reports as a plain-text table, one row per posterior.</summary>
    public static string Table(IReadOnlyList<PosteriorDbReport> reports)
    {
        string[] headers = ["posterior", "agrees", "min ESS bulk", "min ESS tail", "max R-hat", "grads warm-up", "grads sampling", "ESS/grad", "ESS/s", "divergent"];
        var rows = reports.Select(r => new[]
        {
            r.Posterior, r.Agrees ? "yes" : "NO", Number(r.MinEssBulk, "F0"), Number(r.MinEssTail, "F0"), Number(r.MaxRhat, "F4"),
            r.GradientsWarmup.ToString(CultureInfo.InvariantCulture), r.GradientsSampling.ToString(CultureInfo.InvariantCulture),
            Number(r.EssPerGradient, "F5"), Number(r.EssPerSecond, "F0"), r.Divergences.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) =>
            text.AppendLine(string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))));
        Line(headers);
        foreach (var row in rows) Line(row);
        return text.ToString();
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static IReadOnlyList<PosteriorDefinition> Selected(Arguments a)
    {
        bool all = a.Has("all");
        if (all && a.Positional.Count > 0) throw new UsageException("hmc posteriordb takes a posterior's name or --all, not both");
        if (!all && a.Positional.Count != 1)
            throw new UsageException($"hmc posteriordb needs one posterior's name or --all; the posteriors are {string.Join(", ", Posteriors.All.Select(p => p.Name))}");
        if (all) return Posteriors.All;
        try
        {
            return [Posteriors.Named(a.Positional[0])];
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
