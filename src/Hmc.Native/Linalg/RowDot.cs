using System.Numerics;

namespace Hmc.Native.Linalg;

/// <summary>The dot product of the short rows met in factorisations and substitutions of small matrices.</summary>
internal static class RowDot
{
    /// <summary>Σ xᵢyᵢ over the length of <paramref name="x"/>; rows shorter than 32 use a two-accumulator loop, which avoids the dispatch cost of the SIMD routine.</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length >= 32) return TensorPrimitives.Dot(x, y[..x.Length]);
        T s0 = T.Zero, s1 = T.Zero;
        int i = 0;
        for (; i + 1 < x.Length; i += 2)
        {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
        }
        if (i < x.Length) s0 += x[i] * y[i];
        return s0 + s1;
    }
}
