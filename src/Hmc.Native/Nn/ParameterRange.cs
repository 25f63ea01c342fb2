using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// Checks that a fused layer operation's weights or bias lie inside the tensor it reads them from, and gives the recorded
/// backward rules of those operations their range of the source as a recorded tensor and back.
/// </summary>
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

    /// <summary>Elements [<paramref name="offset"/>, offset + |shape|) of <paramref name="source"/> as a recorded tensor of <paramref name="shape"/> (a slice of the flattened source).</summary>
    public static Tensor<T> View<T>(Tensor<T> source, int offset, Shape shape) where T : unmanaged, IFloatingPointIeee754<T> =>
        source.Reshape(source.Length).Slice(0, offset..(offset + shape.Length)).Reshape(shape);

    /// <summary>
    /// The gradient of a range, <paramref name="gradient"/>, placed at <paramref name="offset"/> of a recorded tensor of
    /// <paramref name="source"/>'s shape (zeros elsewhere): the adjoint of <see cref="View{T}"/>.
    /// </summary>
    public static Tensor<T> Embed<T>(Tensor<T> gradient, Tensor<T> source, int offset) where T : unmanaged, IFloatingPointIeee754<T> =>
        gradient.Reshape(gradient.Length).PadAxis(0, offset, source.Length - offset - gradient.Length).Reshape(source.Shape);
}
