using System.CommandLine;
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
/// Exits with 1 when a posterior disagrees with its reference.
/// </summary>
public sealed class PosteriorDbCommand : Command
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    private readonly Argument<string?> _name = new("name") { Description = "the posterior's folder name, e.g. eight_schools-eight_schools_noncentered", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _all = TypedOption.Switch("--all", "every posterior");
    private readonly Option<string?> _data = TypedOption.Text("--data", "DIR", $"the posteriordb folders (default: ${PosteriorDbDirectory.EnvironmentVariable}, else ../shared/posteriordb beside the repository)");
    private readonly Option<string?> _json = TypedOption.Text("--json", "FILE", "write the reports as a JSON list");
    private readonly Option<Choice<string>> _adaptation = TypedOption.Choice("--adaptation", AdaptationChoice.Default, "the warm-up scheme",
        AdaptationChoice.All.Keys.ToDictionary(k => k, k => k));
    private readonly Option<ulong> _seed = TypedOption.Seed(PosteriorDbRun.DefaultSeed);

    /// <summary>The command with its options.</summary>
    public PosteriorDbCommand() : base("posteriordb", "NUTS on posteriordb posteriors against their reference draws: agreement, ESS, gradients, divergences.")
    {
        Add(_name);
        Add(_all);
        Add(_data);
        Add(_json);
        Add(_adaptation);
        Add(_seed);
        SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, cancellationToken)));
    }

    private int Run(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var posteriors = Selected(parse.GetValue(_name), parse.GetValue(_all));
        string adaptation = parse.GetValue(_adaptation).Name;
        var directory = PosteriorDbDirectory.Find(parse.GetValue(_data))
            ?? throw new UsageException($"no posteriordb directory: give --data DIR, set {PosteriorDbDirectory.EnvironmentVariable}, or run inside the repository with ../shared/posteriordb beside it");
        var reports = new List<PosteriorDbReport>();
        foreach (var posterior in posteriors)
        {
            var outcome = PosteriorDbRun.Run(posterior, directory, parse.GetValue(_seed), adaptation, cancellationToken: cancellationToken);
            reports.Add(outcome.Report);
            output.WriteLine($"{posterior.Name}: {(outcome.Comparison.Agrees ? "agrees" : "DISAGREES")} with the reference ({outcome.Comparison.Quantities.Count} quantities, z threshold {outcome.Comparison.Threshold:F2})");
            foreach (var failure in outcome.Comparison.Failures) output.WriteLine($"  {failure}");
        }
        output.WriteLine();
        output.Write(Table(reports));
        if (parse.GetValue(_json) is { } json) File.WriteAllText(json, JsonSerializer.Serialize(reports, Json));
        return reports.All(r => r.Agrees) ? ExitCodes.Success : ExitCodes.Failure;
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

    private static IReadOnlyList<PosteriorDefinition> Selected(string? name, bool all)
    {
        if (all && name is not null) throw new UsageException("hmc posteriordb takes a posterior's name or --all, not both");
        if (all) return Posteriors.All;
        if (name is null)
            throw new UsageException($"hmc posteriordb needs one posterior's name or --all; the posteriors are {string.Join(", ", Posteriors.All.Select(p => p.Name))}");
        try
        {
            return [Posteriors.Named(name)];
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
