using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// Support handling for log-densities, by the "double where" idiom: a constant 0/1 mask marks the elements whose
/// value is inside the support; outside it the value is first replaced by a safe point (so the formula and its
/// derivatives stay finite there), then the result is replaced by −∞. The masks carry no gradient, and the gradient
/// of an element outside the support is exactly 0 with respect to the value and the parameters.
/// </summary>
/// <remarks>
/// A mask is none (the default tensor) when every element is inside, and then no node is recorded. A NaN value
/// counts as inside, so NaN propagates to the log-density. Masks are constants on the inputs' tape when there is
/// one (no heap allocation) and heap constants otherwise.
/// </remarks>
internal static class Support
{
    /// <summary>
    /// The mask of <paramref name="inside"/>(value) over the value's shape, or none when it holds everywhere. It is
    /// recorded on the tape of the value or of <paramref name="parameter"/> (the distribution's parameter, so that
    /// data held as heap constants cost no heap allocation per evaluation).
    /// </summary>
    public static Tensor<T> Mask<T>(Tensor<T> value, Tensor<T> parameter, Func<T, bool> inside) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var v = value.Values;
        int first = 0;
        while (first < v.Length && inside(v[first])) first++;
        if (first == v.Length) return default;
        var mask = NewConstant(Tape<T>.Common(value, parameter), value.Shape);
        var m = mask.MutableValues;
        for (int i = 0; i < m.Length; i++) m[i] = inside(v[i]) ? T.One : T.Zero;
        return mask;
    }

    /// <summary>
    /// The mask of <paramref name="inside"/>(value, parameter) over <paramref name="shape"/> (the broadcast of the
    /// two shapes), or none when it holds everywhere.
    /// </summary>
    public static Tensor<T> Mask<T>(Shape shape, Tensor<T> value, Tensor<T> parameter, Func<T, T, bool> inside)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = shape.Length;
        var rented = ArrayPool<T>.Shared.Rent(2 * length);
        try
        {
            var v = rented.AsSpan(0, length);
            var p = rented.AsSpan(length, length);
            Expand.To(value.Values, value.Shape, v, shape);
            Expand.To(parameter.Values, parameter.Shape, p, shape);
            int first = 0;
            while (first < length && inside(v[first], p[first])) first++;
            if (first == length) return default;
            var mask = NewConstant(Tape<T>.Common(value, parameter), shape);
            var m = mask.MutableValues;
            for (int i = 0; i < length; i++) m[i] = inside(v[i], p[i]) ? T.One : T.Zero;
            return mask;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The mask of <paramref name="inside"/>(value, first, second) over <paramref name="shape"/> (the broadcast of the
    /// three shapes), or none when it holds everywhere.
    /// </summary>
    public static Tensor<T> Mask<T>(Shape shape, Tensor<T> value, Tensor<T> first, Tensor<T> second, Func<T, T, T, bool> inside)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = shape.Length;
        var rented = ArrayPool<T>.Shared.Rent(3 * length);
        try
        {
            var v = rented.AsSpan(0, length);
            var a = rented.AsSpan(length, length);
            var b = rented.AsSpan(2 * length, length);
            Expand.To(value.Values, value.Shape, v, shape);
            Expand.To(first.Values, first.Shape, a, shape);
            Expand.To(second.Values, second.Shape, b, shape);
            int start = 0;
            while (start < length && inside(v[start], a[start], b[start])) start++;
            if (start == length) return default;
            var mask = NewConstant(Tape<T>.Common(value, first, second), shape);
            var m = mask.MutableValues;
            for (int i = 0; i < length; i++) m[i] = inside(v[i], a[i], b[i]) ? T.One : T.Zero;
            return mask;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary><paramref name="x"/> where the mask is set and <paramref name="safe"/> elsewhere (x itself for a none mask).</summary>
    public static Tensor<T> Select<T>(Tensor<T> mask, Tensor<T> x, T safe) where T : unmanaged, IFloatingPointIeee754<T> =>
        mask.IsNone ? x : TensorOps.Where(mask, x, x.ScalarLike(safe));

    /// <summary><paramref name="logDensity"/> where the mask is set and −∞ elsewhere (unchanged for a none mask).</summary>
    public static Tensor<T> Restrict<T>(Tensor<T> mask, Tensor<T> logDensity) where T : unmanaged, IFloatingPointIeee754<T> =>
        mask.IsNone ? logDensity : TensorOps.Where(mask, logDensity, logDensity.ScalarLike(T.NegativeInfinity));

    /// <summary>
    /// x·ln y with the convention 0·ln y = 0 for every y (also y = 0): where x = 0, y is replaced by 1 first, so neither
    /// the value nor the gradient with respect to y picks up 0·∞. Shapes broadcast.
    /// </summary>
    public static Tensor<T> XLogY<T>(Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var nonZero = Mask(x, y, static v => v != T.Zero);
        return x * Select(nonZero, y, T.One).Log();
    }

    /// <summary>x·ln(1 − y) with 0·ln(1 − y) = 0 for every y (also y = 1), as <see cref="XLogY{T}"/>.</summary>
    public static Tensor<T> XLog1pNegativeY<T>(Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var nonZero = Mask(x, y, static v => v != T.Zero);
        return x * (-Select(nonZero, y, T.Zero)).Log1p();
    }

    private static Tensor<T> NewConstant<T>(Tape<T>? tape, Shape shape) where T : unmanaged, IFloatingPointIeee754<T> =>
        tape is null ? Tensor.Zeros<T>(shape) : tape.Filled(shape, T.Zero);
}
