using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Autodiff;

/// <summary>
/// Records the Hessian of a recorded scalar on the tape, differentiably: the gradient is taken with
/// <c>createGraph</c>, then each row is the recorded gradient of one component, seeded with that component alone, so
/// the backward branches that only carry the other components are skipped. Expressions of the result
/// (log det, quadratic forms, eigenvalues) can be differentiated again, which gives RMHMC its third derivatives.
/// </summary>
public static class HessianRecorder
{
    /// <summary>∇²<paramref name="output"/> with respect to the rank-1 <paramref name="input"/>, an [n, n] tensor on the tape.</summary>
    public static Tensor<T> Record<T>(Tape<T> tape, Tensor<T> output, Tensor<T> input) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tape);
        var gradient = tape.Gradient(output, input, createGraph: true, allowUnused: true);
        return JacobianOf(tape, gradient, input);
    }

    /// <summary>The recorded Jacobian of a recorded rank-1 <paramref name="vector"/> with respect to <paramref name="input"/>, rows stacked.</summary>
    public static Tensor<T> JacobianOf<T>(Tape<T> tape, Tensor<T> vector, Tensor<T> input) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = vector.Length;
        var rows = new Tensor<T>[n];
        for (int i = 0; i < n; i++)
            rows[i] = vector.RequiresGradient
                ? tape.RecordedComponentGradient(vector, i, input)
                : tape.Filled(input.Shape, T.Zero);
        return TensorOps.Stack<T>(rows, 0);
    }
}
