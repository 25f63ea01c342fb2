using System.Numerics;

namespace Hmc.Native.Autodiff;

/// <summary>
/// A nested region of a tape (Stan's nested scopes): disposing it truncates the tape back to where the scope
/// began, also when an exception passes through, keeping the arena's capacity.
/// </summary>
public readonly struct TapeScope<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tape<T> _tape;
    private readonly int _nodeMark;
    private readonly int _valueMark;

    internal TapeScope(Tape<T> tape)
    {
        _tape = tape;
        _nodeMark = tape.NodeCount;
        _valueMark = tape.ValueCount;
    }

    /// <summary>Truncates the tape to the state it had when the scope began.</summary>
    public void Dispose() => _tape.Truncate(_nodeMark, _valueMark);
}
