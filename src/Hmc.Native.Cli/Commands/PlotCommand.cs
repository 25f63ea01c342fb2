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
public static class PlotCommand
{
    /// <summary>The flags that take a value.</summary>
    public static readonly string[] ValueFlags = ["out", "params", "bins"];

    /// <summary>The size of a trace plot in pixels.</summary>
    public const int TraceWidth = 1000, TraceHeight = 400;

    /// <summary>The size of a rank plot in pixels.</summary>
    public const int RankWidth = 1000, RankHeight = 700;

    /// <summary>
    /// Runs the command; returns the exit code. A missing file, a parameter that some file lacks, or a bad flag is a
    /// <see cref="UsageException"/>; a file that is not CmdStan CSV is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var a = new Arguments(args, ValueFlags);
        if (a.Positional.Count == 0) throw new UsageException("hmc plot needs at least one CmdStan CSV file (one per chain)");
        string outDir = a.String("out") ?? "hmc-output";
        int bins = a.Int("bins", RankData.DefaultBins, min: 1);
        var chains = new List<CmdStanCsv>(a.Positional.Count);
        foreach (string path in a.Positional)
        {
            if (!File.Exists(path)) throw new UsageException($"no such file: {path}");
            var csv = CmdStanCsvReader.Read(path);
            if (csv.DrawCount == 0) throw new InvalidDataException($"{path} holds no draws.");
            chains.Add(csv);
        }
        var parameters = Parameters(a.String("params"), chains, a.Positional);
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
