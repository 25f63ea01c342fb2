namespace Hmc.Native.Cli.CommandLine;

/// <summary>A bad flag or value on the command line: printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
