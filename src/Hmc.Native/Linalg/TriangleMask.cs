using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// Constant n×n masks recorded on a tape, used by the differentiable backward rules to keep one triangle of a
/// matrix (elementwise product with the mask).
/// </summary>
internal static class TriangleMask
{
    /// <summary>Ones strictly inside the chosen triangle, <paramref name="diagonal"/> on the diagonal, zeros elsewhere.</summary>
    public static Tensor<T> Triangle<T>(Tape<T> tape, int n, bool lower, T diagonal) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mask = tape.Filled(Shape.Matrix(n, n), T.Zero);
        var m = tape.ValueSpan(mask.Id);
        for (int i = 0; i < n; i++)
        {
            int j0 = lower ? 0 : i + 1, j1 = lower ? i : n;
            m.Slice(i * n + j0, j1 - j0).Fill(T.One);
            m[i * n + i] = diagonal;
        }
        return mask;
    }

    /// <summary>Ones off the diagonal, zeros on it.</summary>
    public static Tensor<T> OffDiagonal<T>(Tape<T> tape, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mask = tape.Filled(Shape.Matrix(n, n), T.One);
        var m = tape.ValueSpan(mask.Id);
        for (int i = 0; i < n; i++) m[i * n + i] = T.Zero;
        return mask;
    }

    /// <summary>The identity matrix.</summary>
    public static Tensor<T> Identity<T>(Tape<T> tape, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mask = tape.Filled(Shape.Matrix(n, n), T.Zero);
        var m = tape.ValueSpan(mask.Id);
        for (int i = 0; i < n; i++) m[i * n + i] = T.One;
        return mask;
    }
}
