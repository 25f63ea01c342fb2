using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>Checks that a fused layer operation's weights or bias lie inside the tensor it reads them from.</summary>
internal static class ParameterRange
{
    /// <summary>
    /// Throws unless elements [<paramref name="offset"/>, offset + <paramref name="length"/>) exist in
    /// <paramref name="source"/>; a source read at a nonzero offset must be a rank-1 parameter vector.
    /// </summary>
    public static void Check<T>(Tensor<T> source, int offset, int length, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (source.Rank != 1 && offset != 0)
            throw new ArgumentException($"The {what} source must be a rank-1 parameter vector when read at offset {offset}; it has shape {source.Shape}.");
        if (offset < 0 || (long)offset + length > source.Length)
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"The {what} needs elements [{offset}, {(long)offset + length}) of its parameter source, which has {source.Length}.");
    }
}
