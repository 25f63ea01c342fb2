namespace Hmc.Native.Cli.CommandLine;

/// <summary>
/// The exit codes of <c>hmc</c>, the same for every command. A cancelled run exits with the shell's code for the
/// signal that stopped it (128 + the signal number), after it has finished its output.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command was understood but failed: a missing or malformed file, a device that is absent, a run whose
    /// options the library rejects.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>Cancelled by SIGINT (Ctrl-C): 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Cancelled by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>The lines that <c>hmc --help</c> prints about these codes.</summary>
    public const string Description = """
        Exit codes: 0 success; 1 the run failed (bad file, absent device, options the sampler rejects);
        2 bad command line; 130 cancelled by Ctrl-C (SIGINT); 143 cancelled by SIGTERM. A cancelled run
        stops at the next transition, closes every CSV file on a complete row with its timing comment,
        and prints the summary of the draws kept so far.
        """;
}
