using ILGPU;
using ILGPU.Algorithms;

namespace Hmc.Native.Kernels;

/// <summary>
/// Reductions across the threads of one one-dimensional thread group through shared memory. Every thread of the
/// group must call these functions (they contain barriers), the group size must be a power of two, and
/// <c>shared</c> must hold at least one float per thread.
/// </summary>
internal static class GroupReductions
{
    /// <summary>
    /// Tree reduction of one value per thread (Harris, "Optimizing parallel reduction in CUDA", 2007, kernel 3:
    /// sequential addressing); every thread receives the result. Ends with a barrier so that
    /// <paramref name="shared"/> can be reused at once.
    /// </summary>
    public static float AllReduce<TReduction>(float value, ArrayView<float> shared)
        where TReduction : struct, IReduction
    {
        int thread = Group.IdxX;
        shared[thread] = value;
        Group.Barrier();
        for (int half = Group.DimX / 2; half > 0; half >>= 1)
        {
            if (thread < half) shared[thread] = default(TReduction).Combine(shared[thread], shared[thread + half]);
            Group.Barrier();
        }

        float result = shared[0];
        Group.Barrier();
        return result;
    }

    /// <summary>
    /// log Σⱼ exp(rowⱼ) computed by the group as m + log Σⱼ exp(rowⱼ − m) with m = maxⱼ rowⱼ, so that no term
    /// overflows. If m is ±∞ the result is m (all −∞ gives −∞, any +∞ gives +∞); a NaN entry gives NaN; an empty
    /// row gives −∞.
    /// </summary>
    public static float LogSumExp(ArrayView<float> row, ArrayView<float> shared)
    {
        int length = (int)row.Length;
        float max = default(MaxReduction).Identity;
        for (int j = Group.IdxX; j < length; j += Group.DimX) max = default(MaxReduction).Combine(max, row[j]);
        max = AllReduce<MaxReduction>(max, shared);
        if (XMath.IsInfinity(max)) return max;

        float sum = 0f;
        for (int j = Group.IdxX; j < length; j += Group.DimX) sum += XMath.Exp(row[j] - max);
        sum = AllReduce<SumReduction>(sum, shared);
        return max + XMath.Log(sum);
    }
}
