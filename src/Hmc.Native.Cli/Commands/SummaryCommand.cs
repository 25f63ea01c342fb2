using System.CommandLine;
using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Reporting;

namespace Hmc.Native.Cli.Commands;

/// <summary>
/// <c>hmc summary draws_1.csv [draws_2.csv …]</c>: reads CmdStan CSV files, ours, CmdStan's or rstan's, as the chains of
/// one run (for instance chains sampled on different machines with <c>hmc sample … --chain-id K</c>) and prints the
/// summary as CmdStan's <c>stansummary</c> does, with Stan's warnings under it (<see cref="CmdStanCsvSummary"/>).
/// </summary>
public sealed class SummaryCommand : Command
{
    private readonly Argument<string[]> _files = new("files") { Description = "CmdStan CSV files, one per chain", HelpName = "CSV", Arity = ArgumentArity.ZeroOrMore };

    /// <summary>The command with its argument.</summary>
    public SummaryCommand() : base("summary", "The stansummary table of CmdStan CSV files (one per chain) with Stan's warnings.")
    {
        Add(_files);
        SetAction(Run);
    }

    /// <summary>Prints the summary; returns the exit code. A missing file is a <see cref="UsageException"/>; a file that is
    /// not CmdStan CSV, or files whose columns differ, an <see cref="InvalidDataException"/>.</summary>
    private int Run(ParseResult parse)
    {
        var paths = parse.GetValue(_files) ?? [];
        if (paths.Length == 0) throw new UsageException("hmc summary needs at least one CmdStan CSV file (one per chain)");
        foreach (string path in paths)
        {
            if (!File.Exists(path)) throw new UsageException($"no such file: {path}");
        }
        parse.InvocationConfiguration.Output.Write(CmdStanCsvSummary.Of(paths).ToString());
        return ExitCodes.Success;
    }
}
