using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Creates the result tensor of an operation: a node on the inputs' tape (recording the backward rule and the
/// inputs) or, when every input is a constant, a fresh constant computed eagerly.
/// </summary>
internal static class OpResult
{
    /// <summary>Allocates the result of <paramref name="op"/> with the given shape and inputs; the caller fills its values.</summary>
    public static Tensor<T> New<T>(Op<T> op, Shape shape, Tensor<T> a, Tensor<T> b = default, Tensor<T> c = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The common case, the first input on a tape and the others on it or absent, skips the general check.
        var tape = a.Owner as Tape<T>;
        if (tape is null || !(b.Owner is null || ReferenceEquals(b.Owner, tape)) || !(c.Owner is null || ReferenceEquals(c.Owner, tape)))
            tape = Tape<T>.Common(a, b, c);
        if (tape is null) return new Tensor<T>(new TensorStorage<T>(new T[shape.Length], shape));
        return tape.PushOperation(op, shape, a, b, c);
    }

    /// <summary>
    /// The policy the loops computing <paramref name="result"/> run under: its tape's, or, for a constant computed
    /// eagerly (no tape), every core of the machine.
    /// </summary>
    public static CpuParallelism Parallelism<T>(Tensor<T> result) where T : unmanaged, IFloatingPointIeee754<T> =>
        result.Owner is Tape<T> tape ? tape.Parallelism : CpuParallelism.ForMachine();

    /// <summary>Checks the finished result for NaN/Inf when its tape asks for it; returns the result.</summary>
    public static Tensor<T> Done<T>(Tensor<T> result, Op<T> op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (result.Owner is Tape<T> { CheckFinite: true } tape) tape.CheckResult(result, op.Name);
        return result;
    }

    /// <summary>Throws a clear error for the default ("none") tensor passed as an operand.</summary>
    public static void RequireTensor<T>(Tensor<T> t, string operation, string operand) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (t.IsNone) throw new ArgumentException($"{operation}: operand '{operand}' is the default (none) tensor.", operand);
    }
}
