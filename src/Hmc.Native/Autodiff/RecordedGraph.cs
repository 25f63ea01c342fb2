using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Autodiff;

/// <summary>
/// Replays a graph recorded on a tape at new input values without recording it again: the first
/// <c>forwardNodes</c> nodes (the user's function) are recorded afresh on a probe tape and compared with the
/// recording, and when they match — the same operations on the same shapes and inputs, the same constants — every
/// later node (gradients, Hessian rows, metric) is recomputed in place by its operation's
/// <see cref="Op{T}.Recompute"/>. This is the idea of a traced graph (PyTorch's <c>torch.jit.trace</c>, JAX's
/// <c>jit</c>) with its usual hazard removed: a function whose operations depend on the values takes another path,
/// the comparison fails and the caller records the whole graph again.
/// </summary>
/// <remarks>
/// A replay is valid when every operation after the forward part can recompute its value from its inputs and its
/// recorded backward created no constants that depend on values (<see cref="Op{T}.CanRecompute"/>): then the nodes
/// after the forward part are a fixed function of the forward part's values.
/// </remarks>
internal static class RecordedGraph
{
    /// <summary>True when every operation among the nodes from <paramref name="start"/> to <paramref name="end"/> can be recomputed.</summary>
    public static bool CanReplay<T>(Tape<T> tape, int start, int end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < end; i++)
        {
            var op = tape.NodeAt(i).Op;
            if (op is not null && !op.CanRecompute) return false;
        }
        return true;
    }

    /// <summary>
    /// True when the first <paramref name="count"/> nodes of <paramref name="probe"/> record the same computation as
    /// those of <paramref name="tape"/>: the same operations, shapes, arena offsets, parameters and inputs, and equal
    /// values of every constant (a leaf that needs no gradient); variables may hold other values.
    /// </summary>
    public static bool SameRecording<T>(Tape<T> tape, Tape<T> probe, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (probe.NodeCount != count || tape.NodeCount < count) return false;
        for (int i = 0; i < count; i++)
        {
            ref var a = ref tape.NodeAt(i);
            ref var b = ref probe.NodeAt(i);
            if (!ReferenceEquals(a.Op, b.Op) || a.Offset != b.Offset || a.Length != b.Length || a.Shape != b.Shape
                || a.RequiresGradient != b.RequiresGradient || a.I0 != b.I0 || a.I1 != b.I1 || a.I2 != b.I2
                || a.S0 != b.S0 || a.S1 != b.S1 || a.Payload is not null || b.Payload is not null
                || !SameInput(tape, a.A, probe, b.A) || !SameInput(tape, a.B, probe, b.B) || !SameInput(tape, a.C, probe, b.C))
                return false;
            if (a.Op is null && !a.RequiresGradient && !tape.ValueSpan(i).SequenceEqual(probe.ValueSpan(i))) return false;
        }
        return true;
    }

    /// <summary>
    /// Takes the values of the first <paramref name="forwardNodes"/> nodes from <paramref name="probe"/> (which
    /// <see cref="SameRecording{T}"/> accepted) and recomputes the nodes after them up to <paramref name="end"/>.
    /// </summary>
    public static void Replay<T>(Tape<T> tape, Tape<T> probe, int forwardNodes, int end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (forwardNodes > 0)
        {
            ref var last = ref probe.NodeAt(forwardNodes - 1);
            int forwardValues = last.Offset + last.Length;
            probe.ValueRange(0, forwardValues).CopyTo(tape.ValueRange(0, forwardValues));
        }
        for (int i = forwardNodes; i < end; i++)
            tape.NodeAt(i).Op?.Recompute(tape, i);
    }

    private static bool SameInput<T>(Tape<T> tape, Tensor<T> a, Tape<T> probe, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.IsNone || b.IsNone) return a.IsNone && b.IsNone;
        bool onTape = ReferenceEquals(a.Owner, tape), onProbe = ReferenceEquals(b.Owner, probe);
        if (onTape || onProbe) return onTape && onProbe && a.Id == b.Id;
        return a.Shape == b.Shape && a.Values.SequenceEqual(b.Values);
    }
}
