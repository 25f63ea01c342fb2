using Hmc.Native.Reporting;

namespace Hmc.Native.Cli.Commands;

/// <summary>The progress line of a command: silent for <see cref="TextWriter.Null"/> (<c>--quiet</c>) and when the console output is redirected.</summary>
public static class ConsoleProgress
{
    /// <summary>A started progress line over <paramref name="total"/> iterations written to <paramref name="output"/>.</summary>
    public static ProgressLine Start(TextWriter output, string sampler, string integrator, int total)
    {
        bool redirected = ReferenceEquals(output, Console.Out) && Console.IsOutputRedirected;
        var line = new ProgressLine(output, sampler, integrator, Math.Max(1, total), verbose: output != TextWriter.Null, outputRedirected: redirected);
        line.Start();
        return line;
    }
}
