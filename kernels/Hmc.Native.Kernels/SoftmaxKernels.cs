using ILGPU;

namespace Hmc.Native.Kernels;

/// <summary>
/// Row-wise log-softmax, one group per row of a row-major (rows × columns) matrix, with one float of dynamic shared
/// memory per thread and a power-of-two group size.
/// </summary>
public static class SoftmaxKernels
{
    /// <summary>
    /// output[r, j] = input[r, j] − log Σₖ exp(input[r, k]) (the log-sum-exp by the max-shift, so no exp overflows).
    /// A row of all −∞ gives NaN (−∞ − (−∞)); a +∞ entry gives NaN at that entry and −∞ elsewhere; NaN gives NaN.
    /// <paramref name="output"/> may alias <paramref name="input"/>.
    /// </summary>
    public static void LogSoftmaxRows(ArrayView<float> input, ArrayView<float> output, int columns)
    {
        var shared = SharedMemory.GetDynamic<float>();
        int offset = Grid.IdxX * columns;
        float logSumExp = GroupReductions.LogSumExp(input.SubView(offset, columns), shared);
        for (int j = Group.IdxX; j < columns; j += Group.DimX) output[offset + j] = input[offset + j] - logSumExp;
    }
}
