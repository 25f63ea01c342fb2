using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Copies a tensor's values repeated along broadcast axes into a buffer of the broadcast shape (no tape node).</summary>
internal static class Expand
{
    /// <summary>
    /// destination (shape <paramref name="shape"/>) = <paramref name="source"/> (shape <paramref name="sourceShape"/>,
    /// which broadcasts to <paramref name="shape"/>) repeated along the broadcast axes, bit for bit.
    /// </summary>
    public static void To<T>(ReadOnlySpan<T> source, Shape sourceShape, Span<T> destination, Shape shape)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Broadcasting.Binary<T, CopySecond<T>>(destination, shape, source, sourceShape, destination, shape);

    /// <summary>The kernel (a, b) ↦ b: broadcasting it against the destination itself expands b.</summary>
    private readonly struct CopySecond<T> : IBinaryKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Apply(T a, T b) => b;
        public static void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => b.CopyTo(d);
        public static void Apply(ReadOnlySpan<T> a, T b, Span<T> d) => d.Fill(b);
        public static void Apply(T a, ReadOnlySpan<T> b, Span<T> d) => b.CopyTo(d);
    }
}
