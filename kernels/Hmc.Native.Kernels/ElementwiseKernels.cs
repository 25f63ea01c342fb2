using ILGPU;

namespace Hmc.Native.Kernels;

/// <summary>
/// Elementwise kernels, one thread per output element, generic over the operation struct. Launched with ILGPU's
/// automatic grouping over the output length. NaN and ±∞ follow the operation's own rules.
/// </summary>
public static class ElementwiseKernels
{
    /// <summary>output[i] = f(input[i]). <paramref name="output"/> may alias <paramref name="input"/>.</summary>
    public static void Unary<TOperation>(Index1D index, ArrayView<float> input, ArrayView<float> output)
        where TOperation : struct, IUnaryOperation =>
        output[index] = default(TOperation).Apply(input[index]);

    /// <summary>output[i] = f(a[i], b[i]) for operands of equal length. <paramref name="output"/> may alias either operand.</summary>
    public static void Binary<TOperation>(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> output)
        where TOperation : struct, IBinaryOperation =>
        output[index] = default(TOperation).Apply(a[index], b[index]);

    /// <summary>output[i] = f(a[i], s) with the scalar <paramref name="scalar"/> as second operand.</summary>
    public static void BinaryScalar<TOperation>(Index1D index, ArrayView<float> a, float scalar, ArrayView<float> output)
        where TOperation : struct, IBinaryOperation =>
        output[index] = default(TOperation).Apply(a[index], scalar);

    /// <summary>
    /// output[i] = f(a[layout.OffsetA(i)], b[layout.OffsetB(i)]): NumPy broadcasting of operands of different
    /// shapes (a row vector against a matrix, a per-channel vector against an image batch, ...).
    /// </summary>
    public static void BinaryBroadcast<TOperation>(
        Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> output, BroadcastLayout layout)
        where TOperation : struct, IBinaryOperation =>
        output[index] = default(TOperation).Apply(a[layout.OffsetA(index)], b[layout.OffsetB(index)]);
}
