using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Reporting;

namespace Hmc.Native.Cli.Commands;

/// <summary>
/// <c>hmc summary draws_1.csv [draws_2.csv …]</c>: reads CmdStan CSV files, ours, CmdStan's or rstan's, as the chains of
/// one run (for instance chains sampled on different machines with <c>hmc sample … --chain-id K</c>) and prints the
/// summary as CmdStan's <c>stansummary</c> does, with Stan's warnings under it (<see cref="CmdStanCsvSummary"/>).
/// </summary>
public static class SummaryCommand
{
    /// <summary>Runs the command; returns the exit code. A missing file is a <see cref="UsageException"/>; a file that is
    /// not CmdStan CSV, or files whose columns differ, an <see cref="InvalidDataException"/>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var a = new Arguments(args, []);
        if (a.Positional.Count == 0) throw new UsageException("hmc summary needs at least one CmdStan CSV file (one per chain)");
        foreach (string path in a.Positional)
        {
            if (!File.Exists(path)) throw new UsageException($"no such file: {path}");
        }
        output.Write(CmdStanCsvSummary.Of(a.Positional).ToString());
        return 0;
    }
}
