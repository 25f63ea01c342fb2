using System.CommandLine;
using System.Text;
using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Cli.Figures;
using Hmc.Native.Reporting;

namespace Hmc.Native.Cli.Commands;

/// <summary>
/// <c>hmc plot draws.csv [more.csv …] [--out DIR] [--params a,b] [--bins B]</c>: reads CmdStan CSV files, one per
/// chain, and writes a trace plot (<c>trace_NAME.png</c>) and a rank plot (<c>rank_NAME.png</c>, Vehtari et al. 2021)
/// of each parameter into DIR (default <c>hmc-output</c>).
/// </summary>
public sealed class PlotCommand : Command
{
    /// <summary>The size of a trace plot in pixels.</summary>
    public const int TraceWidth = 1000, TraceHeight = 400;

    /// <summary>The size of a rank plot in pixels.</summary>
    public const int RankWidth = 1000, RankHeight = 700;

    private readonly Argument<string[]> _files = new("files") { Description = "CmdStan CSV files, one per chain", HelpName = "CSV", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _out = TypedOption.Text("--out", "DIR", "the folder of the figures", "hmc-output");
    private readonly Option<string?> _params = TypedOption.Text("--params", "a,b", "the parameters to plot (default: all)");
    private readonly Option<int> _bins = TypedOption.Int("--bins", RankData.DefaultBins, "the bins of a rank plot", min: 1);

    /// <summary>The command with its options.</summary>
    public PlotCommand() : base("plot", "Trace and rank plots of CmdStan CSV files (one per chain).")
    {
        Add(_files);
        Add(_out);
        Add(_params);
        Add(_bins);
        SetAction(Run);
    }

    /// <summary>
    /// Draws the figures; returns the exit code. A missing file or a parameter that some file lacks is a
    /// <see cref="UsageException"/>; a file that is not CmdStan CSV is an <see cref="InvalidDataException"/>.
    /// </summary>
    private int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var paths = parse.GetValue(_files) ?? [];
        if (paths.Length == 0) throw new UsageException("hmc plot needs at least one CmdStan CSV file (one per chain)");
        string outDir = parse.GetValue(_out)!;
        int bins = parse.GetValue(_bins);
        var chains = new List<CmdStanCsv>(paths.Length);
        foreach (string path in paths)
        {
            if (!File.Exists(path)) throw new UsageException($"no such file: {path}");
            var csv = CmdStanCsvReader.Read(path);
            if (csv.DrawCount == 0) throw new InvalidDataException($"{path} holds no draws.");
            chains.Add(csv);
        }
        var parameters = Parameters(parse.GetValue(_params), chains, paths);
        Directory.CreateDirectory(outDir);
        foreach (string parameter in parameters)
        {
            var draws = ChainColumns.FromCsv(chains, parameter);
            string name = FileNamePart(parameter);
            string tracePath = Path.Combine(outDir, $"trace_{name}.png");
            string rankPath = Path.Combine(outDir, $"rank_{name}.png");
            TraceFigure.Save(TraceData.Create(parameter, draws), tracePath, TraceWidth, TraceHeight);
            RankFigure.Save(RankData.Create(parameter, draws, bins), rankPath, RankWidth, RankHeight);
            output.WriteLine(tracePath);
            output.WriteLine(rankPath);
        }
        return 0;
    }

    private static List<string> Parameters(string? requested, List<CmdStanCsv> chains, IReadOnlyList<string> paths)
    {
        var names = requested is null
            ? [.. chains[0].ParameterNames]
            : requested.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (names.Count == 0) throw new UsageException(requested is null ? $"{paths[0]} has no parameter columns" : "--params names no parameter");
        foreach (string name in names)
        {
            for (int c = 0; c < chains.Count; c++)
            {
                if (!chains[c].ParameterNames.Contains(name))
                    throw new UsageException($"{paths[c]} has no parameter '{name}'; it has {string.Join(", ", chains[c].ParameterNames)}");
            }
        }
        return names;
    }

    /// <summary>The parameter name with every character other than a letter, digit, '.', '-' or '_' replaced by '_'.</summary>
    private static string FileNamePart(string parameter)
    {
        var builder = new StringBuilder(parameter.Length);
        foreach (char ch in parameter) builder.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : '_');
        return builder.ToString();
    }
}
