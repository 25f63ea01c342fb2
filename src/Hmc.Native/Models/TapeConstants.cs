using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>Constants that a transform combines with its input: on the input's tape when it has one (no heap allocation), else on the heap.</summary>
internal static class TapeConstants
{
    /// <summary>A constant of <paramref name="shape"/> holding a copy of <paramref name="values"/>, placed where <paramref name="like"/> lives.</summary>
    public static Tensor<double> Like(Tensor<double> like, ReadOnlySpan<double> values, Shape shape) =>
        like.Tape is { } tape ? tape.Constant(values, shape) : Tensor.FromSpan(values, shape);
}
