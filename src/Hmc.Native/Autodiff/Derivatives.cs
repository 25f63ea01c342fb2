using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Autodiff;

/// <summary>
/// One-call derivatives of functions written with tensor operations: gradient, value and gradient,
/// Hessian-vector product, Hessian and Jacobian. Each call records on a fresh tape; for repeated gradients use
/// <see cref="GradientEvaluator{T}"/>, and for derivatives inside a recorded expression (third order and up)
/// use <see cref="Tape{T}.Gradient(Tensor{T}, Tensor{T}, bool, bool)"/> with <c>createGraph</c>.
/// </summary>
public static class Derivatives
{
    /// <summary>∇f(x) of a scalar function of a vector.</summary>
    /// <exception cref="NonScalarOutputException">f returned more than one element.</exception>
    /// <exception cref="InputNotUsedException">f does not depend on x.</exception>
    public static T[] Gradient<T>(Func<Tensor<T>, Tensor<T>> f, ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        ValueAndGradient(f, x).Gradient;

    /// <summary>f(x) and ∇f(x) in one evaluation.</summary>
    /// <exception cref="NonScalarOutputException">f returned more than one element.</exception>
    /// <exception cref="InputNotUsedException">f does not depend on x.</exception>
    public static (T Value, T[] Gradient) ValueAndGradient<T>(Func<Tensor<T>, Tensor<T>> f, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        var tape = new Tape<T>();
        var v = tape.Variable(x);
        var y = f(v);
        if (y.Length != 1) throw new NonScalarOutputException(y.Shape);
        var g = tape.Gradient(EnsureOnTape(tape, y), v);
        return (y.Values[0], g.ToArray());
    }

    /// <summary>
    /// The Hessian-vector product ∇²f(x)·v by reverse-over-reverse: the gradient is recorded
    /// (<c>createGraph</c>), then the gradient of ⟨∇f(x), v⟩ is taken. Costs about two gradients.
    /// </summary>
    public static T[] HessianVectorProduct<T>(Func<Tensor<T>, Tensor<T>> f, ReadOnlySpan<T> x, ReadOnlySpan<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        if (v.Length != x.Length)
            throw new ShapeMismatchException("hessian-vector product", Shape.Vector(x.Length), Shape.Vector(v.Length));
        var tape = new Tape<T>();
        var xv = tape.Variable(x);
        var y = f(xv);
        if (y.Length != 1) throw new NonScalarOutputException(y.Shape);
        var g = tape.Gradient(EnsureOnTape(tape, y), xv, createGraph: true);
        var gv = g.Multiply(tape.Constant(v, Shape.Vector(v.Length))).Sum();
        return tape.Gradient(gv, xv, allowUnused: true).ToArray();
    }

    /// <summary>The full Hessian ∇²f(x): the gradient is recorded once, then each row is the gradient of one component.</summary>
    public static T[,] Hessian<T>(Func<Tensor<T>, Tensor<T>> f, ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        var tape = new Tape<T>();
        var xv = tape.Variable(x);
        var y = f(xv);
        if (y.Length != 1) throw new NonScalarOutputException(y.Shape);
        var g = tape.Gradient(EnsureOnTape(tape, y), xv, createGraph: true);
        return JacobianOf(tape, g, xv);
    }

    /// <summary>The Jacobian ∂f_i/∂x_j (rows: the elements of f(x) in row-major order; columns: x).</summary>
    public static T[,] Jacobian<T>(Func<Tensor<T>, Tensor<T>> f, ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        var tape = new Tape<T>();
        var xv = tape.Variable(x);
        var y = EnsureOnTape(tape, f(xv));
        return JacobianOf(tape, y, xv);
    }

    /// <summary>
    /// Rows ∂y_i/∂x by one numeric backward pass per element of <paramref name="y"/>, each seeded with that element
    /// alone, so nodes whose adjoint stays zero are skipped.
    /// </summary>
    internal static T[,] JacobianOf<T>(Tape<T> tape, Tensor<T> y, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = y.Length, n = x.Length;
        var result = new T[m, n];
        if (!y.RequiresGradient) return result;
        var seed = new T[m];
        for (int i = 0; i < m; i++)
        {
            seed[i] = T.One;
            tape.BackwardNumeric(y, seed, skipZeroAdjoints: true);
            seed[i] = T.Zero;
            if (!tape.WasReached(x)) continue;
            var row = tape.AdjointSpan(x.Id);
            for (int j = 0; j < n; j++) result[i, j] = row[j];
        }
        return result;
    }

    private static Tensor<T> EnsureOnTape<T>(Tape<T> tape, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        y.IsOnTape ? y : tape.Constant(y.Values, y.Shape);
}
