using System.Runtime.InteropServices;

namespace Hmc.Native.Cli.CommandLine;

/// <summary>
/// Records whether SIGINT or SIGTERM arrived, so that a run the command line cancelled exits with that signal's code.
/// System.CommandLine cancels the token it hands to the command on either signal; this only tells them apart, and
/// leaves the process running (it does not mark the signal handled: the library does).
/// </summary>
public sealed class TerminationSignal : IDisposable
{
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly ManualResetEventSlim _received = new();
    private int _exitCode = ExitCodes.Interrupted;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    public TerminationSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Record(ExitCodes.Interrupted));
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Record(ExitCodes.Terminated));
    }

    /// <summary>
    /// The exit code of a command that returned <paramref name="code"/>: a command that reports a cancelled run
    /// (<see cref="ExitCodes.Interrupted"/>) gets the code of the signal that cancelled it, waiting up to
    /// <paramref name="wait"/> for the signal's handler, which may run after the library's; any other code stands.
    /// </summary>
    public int ExitCode(int code, TimeSpan wait)
    {
        if (code != ExitCodes.Interrupted) return code;
        _received.Wait(wait);
        return Volatile.Read(ref _exitCode);
    }

    private void Record(int exitCode)
    {
        Volatile.Write(ref _exitCode, exitCode);
        _received.Set();
    }

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _received.Dispose();
    }
}
