using System.Numerics;
using System.Runtime.InteropServices;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>An elementwise function of one argument in scalar and <see cref="Vector{T}"/> form (a struct, so calls inline).</summary>
internal interface IVectorKernel1<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T Apply(T a);

    Vector<T> Apply(Vector<T> a);
}

/// <summary>An elementwise function of two arguments in scalar and <see cref="Vector{T}"/> form.</summary>
internal interface IVectorKernel2<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T Apply(T a, T b);

    Vector<T> Apply(Vector<T> a, Vector<T> b);
}

/// <summary>An elementwise function of three arguments in scalar and <see cref="Vector{T}"/> form.</summary>
internal interface IVectorKernel3<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T Apply(T a, T b, T c);

    Vector<T> Apply(Vector<T> a, Vector<T> b, Vector<T> c);
}

/// <summary>
/// SIMD loops over equal-length spans for the elementwise pieces <see cref="TensorPrimitives"/> lacks
/// (derivative rules, masks, accuracy fix-ups): whole <see cref="Vector{T}"/> blocks, then a scalar tail.
/// A destination may be the same span as an input (each element is read before it is written).
/// </summary>
internal static class Elementwise
{
    /// <summary>destination[i] = k(a[i]).</summary>
    public static void Apply<T, TK>(TK kernel, ReadOnlySpan<T> a, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IVectorKernel1<T>
    {
        int n = destination.Length, i = 0;
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rd = ref MemoryMarshal.GetReference(destination);
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                kernel.Apply(Vector.LoadUnsafe(ref ra, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        }
        for (; i < n; i++) destination[i] = kernel.Apply(a[i]);
    }

    /// <summary>destination[i] = k(a[i], b[i]).</summary>
    public static void Apply<T, TK>(TK kernel, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IVectorKernel2<T>
    {
        int n = destination.Length, i = 0;
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rd = ref MemoryMarshal.GetReference(destination);
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                kernel.Apply(Vector.LoadUnsafe(ref ra, (nuint)i), Vector.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        }
        for (; i < n; i++) destination[i] = kernel.Apply(a[i], b[i]);
    }

    /// <summary>destination[i] = k(a[i], b[i], c[i]).</summary>
    public static void Apply<T, TK>(TK kernel, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IVectorKernel3<T>
    {
        int n = destination.Length, i = 0;
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rc = ref MemoryMarshal.GetReference(c);
        ref T rd = ref MemoryMarshal.GetReference(destination);
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = kernel.Apply(Vector.LoadUnsafe(ref ra, (nuint)i), Vector.LoadUnsafe(ref rb, (nuint)i), Vector.LoadUnsafe(ref rc, (nuint)i));
                v.StoreUnsafe(ref rd, (nuint)i);
            }
        }
        for (; i < n; i++) destination[i] = kernel.Apply(a[i], b[i], c[i]);
    }

    /// <summary>target[i] += k(a[i], b[i]): the usual shape of a numeric backward rule, k(x or y, ∂L/∂y).</summary>
    public static void Accumulate<T, TK>(TK kernel, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> target)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IVectorKernel2<T>
    {
        int n = target.Length, i = 0;
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rt = ref MemoryMarshal.GetReference(target);
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref rt, (nuint)i) + kernel.Apply(Vector.LoadUnsafe(ref ra, (nuint)i), Vector.LoadUnsafe(ref rb, (nuint)i));
                v.StoreUnsafe(ref rt, (nuint)i);
            }
        }
        for (; i < n; i++) target[i] += kernel.Apply(a[i], b[i]);
    }

    /// <summary>
    /// A constant on <paramref name="tape"/> with <paramref name="x"/>'s shape holding k(x): the piecewise-constant
    /// factors (signs, masks) of backward rules written with tensor operations, whose own derivative is zero.
    /// </summary>
    public static Tensor<T> ConstantOf<T, TK>(Tape<T> tape, Tensor<T> x, TK kernel)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IVectorKernel1<T>
    {
        var result = tape.Filled(x.Shape, T.Zero);
        Apply(kernel, x.Values, result.MutableValues);
        return result;
    }

    /// <summary>1 where the condition mask is set, 0 elsewhere.</summary>
    public static Vector<T> OneWhere<T>(Vector<T> mask) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector.ConditionalSelect(mask, Vector<T>.One, Vector<T>.Zero);

    /// <summary>1 where the condition holds, 0 elsewhere.</summary>
    public static T OneWhere<T>(bool condition) where T : unmanaged, IFloatingPointIeee754<T> => condition ? T.One : T.Zero;
}
