namespace Hmc.Native.Cli.CommandLine;

/// <summary>A command line that parses but does not make sense (options that exclude each other, a target without its
/// file): printed as one line, exit code <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
