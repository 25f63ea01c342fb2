using System.CommandLine;
using System.CommandLine.Invocation;
using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Cli.Commands;

namespace Hmc.Native.Cli;

/// <summary>
/// The <c>hmc</c> command: <c>hmc COMMAND [options]</c>, parsed by System.CommandLine. Every command answers
/// <c>--help</c> with each of its options and their defaults; <c>hmc [suggest:N] "LINE"</c> lists completions for
/// shells (through <c>dotnet-suggest</c>); the exit codes are those of <see cref="ExitCodes"/>.
/// </summary>
public static class Program
{
    /// <summary>How long the run may take to finish its output after SIGINT or SIGTERM before the library gives up on it.</summary>
    private static readonly TimeSpan TerminationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the command named by the first argument; Ctrl-C and SIGTERM cancel it (exit codes 130 and 143).</summary>
    public static int Main(string[] args)
    {
        using var signal = new TerminationSignal();
        int code = Run(args, Console.Out, Console.Error, handleTermination: true);
        return signal.ExitCode(code, TimeSpan.FromSeconds(1));
    }

    /// <summary>Runs a command line with the given output streams and no signal handling (used by tests).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error) => Run(args, output, error, handleTermination: false);

    /// <summary>The command tree: the root and one command per file of <c>Commands/</c>.</summary>
    public static RootCommand CreateRootCommand() => new("hmc: Hamiltonian Monte Carlo from the command line.\n\n" + ExitCodes.Description)
    {
        new SampleCommand(),
        new MnistCommand(),
        new RegressionCommand(),
        new DevicesCommand(),
        new WalkthroughCommand(),
        new PlotCommand(),
    };

    private static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool handleTermination)
    {
        var root = CreateRootCommand();
        var configuration = new InvocationConfiguration
        {
            Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = handleTermination ? TerminationTimeout : null,
        };
        if (args.Count == 0)
        {
            root.Parse(["--help"]).Invoke(configuration);
            return ExitCodes.Usage;
        }
        // `hmc help [COMMAND]` is `hmc [COMMAND] --help`.
        var parse = root.Parse(args[0] == "help" ? [.. args.Skip(1), "--help"] : args);
        if (parse.Action is ParseErrorAction)
        {
            string errors = string.Join(" ", parse.Errors.Select(e => string.Join(" ", e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))));
            string command = parse.CommandResult.Command == root ? "hmc" : $"hmc {parse.CommandResult.Command.Name}";
            error.WriteLine($"hmc: {errors} (see '{command} --help')");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(configuration);
        }
        catch (UsageException ex)
        {
            error.WriteLine($"hmc: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("hmc: cancelled");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or FileNotFoundException or IOException or NotSupportedException or Gpu.DeviceNotAvailableException)
        {
            error.WriteLine($"hmc: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
