using Hmc.Native.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>
/// Launchers of <see cref="ReductionKernels"/>. Whole-array results are written to element 0 of a device view (so a
/// trajectory can keep them on the device); read them with <see cref="GpuBuffer{T}.Read"/>. Whole-array reductions
/// run in two passes over at most <see cref="MaxPartials"/> groups and are deterministic for a given device.
/// </summary>
public sealed class GpuReductions
{
    /// <summary>The largest number of partial results of the first pass of a whole-array reduction.</summary>
    public const int MaxPartials = 1024;

    private readonly GpuAccelerator gpu;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> partials;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> scalars;

    internal GpuReductions(GpuAccelerator gpu)
    {
        this.gpu = gpu;
        partials = gpu.Accelerator.Allocate1D<float>(MaxPartials);
        scalars = gpu.Accelerator.Allocate1D<float>(2);
    }

    /// <summary>output[r] = ⨁ⱼ input[r, j] for a row-major rows × columns matrix, one group per row.</summary>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public void ReduceRows<TReduction>(ArrayView<float> input, ArrayView<float> output, int rows, int columns)
        where TReduction : struct, IReduction
    {
        GpuArguments.RequireMatrix(input, rows, columns, "reduce rows", nameof(input));
        GpuArguments.RequireLength(output, rows, "reduce rows", nameof(output));
        if (rows == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ReductionKernels), nameof(ReductionKernels.ReduceRows), typeof(TReduction)),
            static a => a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int>(ReductionKernels.ReduceRows<TReduction>));
        kernel(RowConfig(rows), input, output, columns);
    }

    /// <summary>output[j] = ⨁ᵣ input[r, j] for a row-major rows × columns matrix (e.g. a bias gradient summed over the batch).</summary>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public void ReduceColumns<TReduction>(ArrayView<float> input, ArrayView<float> output, int rows, int columns)
        where TReduction : struct, IReduction
    {
        GpuArguments.RequireMatrix(input, rows, columns, "reduce columns", nameof(input));
        GpuArguments.RequireLength(output, columns, "reduce columns", nameof(output));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ReductionKernels), nameof(ReductionKernels.ReduceColumns), typeof(TReduction)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int>(ReductionKernels.ReduceColumns<TReduction>));
        kernel(columns, input, output, rows, columns);
    }

    /// <summary>result[0] = ⨁ᵢ input[i] (the identity for an empty input).</summary>
    /// <exception cref="ArgumentException"><paramref name="result"/> is empty.</exception>
    public void Reduce<TReduction>(ArrayView<float> input, ArrayView<float> result)
        where TReduction : struct, IReduction
    {
        GpuArguments.RequireAtLeast(result, 1, "reduce", nameof(result));
        var kernel = PartialsKernel<TReduction>();
        int groups = GroupsFor(input.Length);
        if (groups == 1)
        {
            kernel(PartialsConfig(1), input, result);
            return;
        }

        var firstPass = partials.View.SubView(0, groups);
        kernel(PartialsConfig(groups), input, firstPass);
        kernel(PartialsConfig(1), firstPass, result);
    }

    /// <summary>result[0] = ⨁ᵢ f(a[i], b[i]) for a map <typeparamref name="TMap"/> and reduction <typeparamref name="TReduction"/>.</summary>
    /// <exception cref="ArgumentException">The operand lengths differ or <paramref name="result"/> is empty.</exception>
    public void MapReduce<TMap, TReduction>(ArrayView<float> a, ArrayView<float> b, ArrayView<float> result)
        where TMap : struct, IBinaryOperation
        where TReduction : struct, IReduction
    {
        GpuArguments.RequireLength(b, a.Length, "map-reduce", nameof(b));
        GpuArguments.RequireAtLeast(result, 1, "map-reduce", nameof(result));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ReductionKernels), nameof(ReductionKernels.MapReducePartials), typeof(TMap), typeof(TReduction)),
            static acc => acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>>(ReductionKernels.MapReducePartials<TMap, TReduction>));
        int groups = GroupsFor(a.Length);
        if (groups == 1)
        {
            kernel(PartialsConfig(1), a, b, result);
            return;
        }

        var firstPass = partials.View.SubView(0, groups);
        kernel(PartialsConfig(groups), a, b, firstPass);
        PartialsKernel<TReduction>()(PartialsConfig(1), firstPass, result);
    }

    /// <summary>result[0] = Σᵢ a[i]·b[i].</summary>
    /// <exception cref="ArgumentException">The operand lengths differ or <paramref name="result"/> is empty.</exception>
    public void Dot(ArrayView<float> a, ArrayView<float> b, ArrayView<float> result) =>
        MapReduce<MultiplyOperation, SumReduction>(a, b, result);

    /// <summary>result[0] = Σᵢ x[i]².</summary>
    /// <exception cref="ArgumentException"><paramref name="result"/> is empty.</exception>
    public void SumOfSquares(ArrayView<float> x, ArrayView<float> result) =>
        MapReduce<MultiplyOperation, SumReduction>(x, x, result);

    /// <summary>
    /// result[0] = K(p) = ½ Σᵢ M⁻¹ᵢ pᵢ², the kinetic energy of momentum p under the diagonal inverse mass M⁻¹
    /// (Neal 2011, eq. 5.5, without the constant).
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ or <paramref name="result"/> is empty.</exception>
    public void KineticEnergy(ArrayView<float> momentum, ArrayView<float> inverseMass, ArrayView<float> result) =>
        MapReduce<KineticEnergyTermOperation, SumReduction>(momentum, inverseMass, result);

    /// <summary>output[r] = log Σⱼ exp(input[r, j]) for a row-major rows × columns matrix, by the max-shift.</summary>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public void LogSumExpRows(ArrayView<float> input, ArrayView<float> output, int rows, int columns)
    {
        GpuArguments.RequireMatrix(input, rows, columns, "log-sum-exp rows", nameof(input));
        GpuArguments.RequireLength(output, rows, "log-sum-exp rows", nameof(output));
        if (rows == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ReductionKernels), nameof(ReductionKernels.LogSumExpRows)),
            static a => a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int>(ReductionKernels.LogSumExpRows));
        kernel(RowConfig(rows), input, output, columns);
    }

    /// <summary>
    /// result[0] = log Σᵢ exp(input[i]) = m + log Σᵢ exp(input[i] − m) with m = maxᵢ input[i], computed on the device
    /// in four launches (max, shifted sum of exponentials, their reduction, and the final log). All −∞ gives −∞,
    /// any +∞ gives +∞, NaN gives NaN, empty gives −∞.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="result"/> is empty.</exception>
    public void LogSumExp(ArrayView<float> input, ArrayView<float> result)
    {
        GpuArguments.RequireAtLeast(result, 1, "log-sum-exp", nameof(result));
        var max = scalars.View.SubView(0, 1);
        var sumExp = scalars.View.SubView(1, 1);
        Reduce<MaxReduction>(input, max);
        var shifted = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ReductionKernels), nameof(ReductionKernels.SumExpShiftedPartials)),
            static a => a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>>(ReductionKernels.SumExpShiftedPartials));
        int groups = GroupsFor(input.Length);
        var firstPass = partials.View.SubView(0, groups);
        shifted(PartialsConfig(groups), input, max, firstPass);
        PartialsKernel<SumReduction>()(PartialsConfig(1), firstPass, sumExp);
        var finish = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ReductionKernels), nameof(ReductionKernels.FinishLogSumExp)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(ReductionKernels.FinishLogSumExp));
        finish(1, max, sumExp, result.SubView(0, 1));
    }

    internal void Dispose()
    {
        partials.Dispose();
        scalars.Dispose();
    }

    private Action<KernelConfig, ArrayView<float>, ArrayView<float>> PartialsKernel<TReduction>()
        where TReduction : struct, IReduction =>
        gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ReductionKernels), nameof(ReductionKernels.ReducePartials), typeof(TReduction)),
            static a => a.LoadStreamKernel<ArrayView<float>, ArrayView<float>>(ReductionKernels.ReducePartials<TReduction>));

    private int GroupsFor(long length) => (int)Math.Clamp((length + gpu.GroupSize - 1) / gpu.GroupSize, 1, MaxPartials);

    private KernelConfig RowConfig(int rows) => gpu.GroupLaunch(rows);

    private KernelConfig PartialsConfig(int groups) => gpu.GroupLaunch(groups);
}
