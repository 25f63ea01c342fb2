using ILGPU;
using ILGPU.Algorithms;

namespace Hmc.Native.Kernels;

/// <summary>
/// Reductions of float arrays. Row and whole-array reductions use explicitly grouped launches with a power-of-two
/// group size and one float of dynamic shared memory per thread (<c>SharedMemoryConfig.RequestDynamic&lt;float&gt;(groupSize)</c>).
/// A whole-array reduction runs in two deterministic passes: <see cref="ReducePartials{TReduction}"/> with G
/// groups writes G partial results, then the same kernel with one group reduces those into element 0.
/// </summary>
public static class ReductionKernels
{
    /// <summary>
    /// output[r] = ⨁ⱼ input[r·columns + j], one group per row (grid size = number of rows).
    /// </summary>
    public static void ReduceRows<TReduction>(ArrayView<float> input, ArrayView<float> output, int columns)
        where TReduction : struct, IReduction
    {
        var shared = SharedMemory.GetDynamic<float>();
        var row = input.SubView(Grid.IdxX * columns, columns);
        float partial = default(TReduction).Identity;
        for (int j = Group.IdxX; j < columns; j += Group.DimX) partial = default(TReduction).Combine(partial, row[j]);
        float total = GroupReductions.AllReduce<TReduction>(partial, shared);
        if (Group.IsFirstThread) output[Grid.IdxX] = total;
    }

    /// <summary>
    /// output[j] = ⨁ᵣ input[r·columns + j], one thread per column (coalesced reads across a row); the sum over
    /// the batch axis that gives the gradient of a broadcast bias.
    /// </summary>
    public static void ReduceColumns<TReduction>(Index1D column, ArrayView<float> input, ArrayView<float> output, int rows, int columns)
        where TReduction : struct, IReduction
    {
        float total = default(TReduction).Identity;
        for (int r = 0; r < rows; r++) total = default(TReduction).Combine(total, input[(r * columns) + column]);
        output[column] = total;
    }

    /// <summary>
    /// partials[g] = ⨁ of the elements of <paramref name="input"/> visited by group g in a grid-stride loop
    /// (element i goes to group ⌊i / groupSize⌋ mod gridSize). With one group, partials[0] is the whole reduction.
    /// </summary>
    public static void ReducePartials<TReduction>(ArrayView<float> input, ArrayView<float> partials)
        where TReduction : struct, IReduction
    {
        var shared = SharedMemory.GetDynamic<float>();
        int length = (int)input.Length;
        float partial = default(TReduction).Identity;
        for (int i = Grid.GlobalIndex.X; i < length; i += Grid.DimX * Group.DimX)
            partial = default(TReduction).Combine(partial, input[i]);
        float total = GroupReductions.AllReduce<TReduction>(partial, shared);
        if (Group.IsFirstThread) partials[Grid.IdxX] = total;
    }

    /// <summary>
    /// partials[g] = ⨁ f(a[i], b[i]) over the elements of group g (grid-stride, as in
    /// <see cref="ReducePartials{TReduction}"/>): with f = multiply and ⨁ = sum this is the dot product aᵀb; with
    /// <see cref="KineticEnergyTermOperation"/> it is the kinetic energy ½ pᵀM⁻¹p.
    /// </summary>
    public static void MapReducePartials<TMap, TReduction>(ArrayView<float> a, ArrayView<float> b, ArrayView<float> partials)
        where TMap : struct, IBinaryOperation
        where TReduction : struct, IReduction
    {
        var shared = SharedMemory.GetDynamic<float>();
        int length = (int)a.Length;
        float partial = default(TReduction).Identity;
        for (int i = Grid.GlobalIndex.X; i < length; i += Grid.DimX * Group.DimX)
            partial = default(TReduction).Combine(partial, default(TMap).Apply(a[i], b[i]));
        float total = GroupReductions.AllReduce<TReduction>(partial, shared);
        if (Group.IsFirstThread) partials[Grid.IdxX] = total;
    }

    /// <summary>
    /// output[r] = log Σⱼ exp(input[r·columns + j]), one group per row, by the max-shift
    /// (see <c>GroupReductions.LogSumExp</c>): exact for rows containing ±∞; NaN gives NaN.
    /// </summary>
    public static void LogSumExpRows(ArrayView<float> input, ArrayView<float> output, int columns)
    {
        var shared = SharedMemory.GetDynamic<float>();
        float value = GroupReductions.LogSumExp(input.SubView(Grid.IdxX * columns, columns), shared);
        if (Group.IsFirstThread) output[Grid.IdxX] = value;
    }

    /// <summary>
    /// partials[g] = Σ exp(input[i] − shift[0]) over the elements of group g (grid-stride): the second pass of a
    /// whole-array log-sum-exp whose maximum, computed on the device, sits in <paramref name="shift"/>[0]. If the
    /// shift is ±∞ the terms are NaN; <see cref="FinishLogSumExp"/> handles that case.
    /// </summary>
    public static void SumExpShiftedPartials(ArrayView<float> input, ArrayView<float> shift, ArrayView<float> partials)
    {
        var shared = SharedMemory.GetDynamic<float>();
        int length = (int)input.Length;
        float m = shift[0];
        float partial = 0f;
        for (int i = Grid.GlobalIndex.X; i < length; i += Grid.DimX * Group.DimX) partial += XMath.Exp(input[i] - m);
        float total = GroupReductions.AllReduce<SumReduction>(partial, shared);
        if (Group.IsFirstThread) partials[Grid.IdxX] = total;
    }

    /// <summary>
    /// output[0] = max[0] + log sumExp[0], the last step of a whole-array log-sum-exp; if the maximum is ±∞ the
    /// result is the maximum itself (launch with extent 1).
    /// </summary>
    public static void FinishLogSumExp(Index1D index, ArrayView<float> max, ArrayView<float> sumExp, ArrayView<float> output)
    {
        float m = max[index];
        output[index] = XMath.IsInfinity(m) ? m : m + XMath.Log(sumExp[index]);
    }
}
