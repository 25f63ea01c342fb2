using Hmc.Native.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>Launchers of <see cref="ElementwiseKernels"/>: one thread per output element, automatic grouping.</summary>
public sealed class GpuElementwise
{
    private readonly GpuAccelerator gpu;

    internal GpuElementwise(GpuAccelerator gpu) => this.gpu = gpu;

    /// <summary>output[i] = f(input[i]) for the operation struct <typeparamref name="TOperation"/> (e.g. <see cref="ExpOperation"/>).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void Unary<TOperation>(ArrayView<float> input, ArrayView<float> output)
        where TOperation : struct, IUnaryOperation
    {
        GpuArguments.RequireLength(output, input.Length, "unary", nameof(output));
        if (input.Length == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ElementwiseKernels), nameof(ElementwiseKernels.Unary), typeof(TOperation)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>>(ElementwiseKernels.Unary<TOperation>));
        kernel((int)input.Length, input, output);
    }

    /// <summary>output[i] = f(a[i], b[i]) for operands of equal length.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void Binary<TOperation>(ArrayView<float> a, ArrayView<float> b, ArrayView<float> output)
        where TOperation : struct, IBinaryOperation
    {
        GpuArguments.RequireLength(b, a.Length, "binary", nameof(b));
        GpuArguments.RequireLength(output, a.Length, "binary", nameof(output));
        if (a.Length == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ElementwiseKernels), nameof(ElementwiseKernels.Binary), typeof(TOperation)),
            static acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(ElementwiseKernels.Binary<TOperation>));
        kernel((int)a.Length, a, b, output);
    }

    /// <summary>output[i] = f(a[i], <paramref name="scalar"/>).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void BinaryScalar<TOperation>(ArrayView<float> a, float scalar, ArrayView<float> output)
        where TOperation : struct, IBinaryOperation
    {
        GpuArguments.RequireLength(output, a.Length, "binary with scalar", nameof(output));
        if (a.Length == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ElementwiseKernels), nameof(ElementwiseKernels.BinaryScalar), typeof(TOperation)),
            static acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float, ArrayView<float>>(ElementwiseKernels.BinaryScalar<TOperation>));
        kernel((int)a.Length, a, scalar, output);
    }

    /// <summary>
    /// output = f(a, b) with NumPy broadcasting of the dense row-major shapes <paramref name="aShape"/> and
    /// <paramref name="bShape"/> (rank ≤ 4); <paramref name="output"/> has the broadcast shape.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or a view length does not match its shape.</exception>
    public void BinaryBroadcast<TOperation>(ArrayView<float> a, ReadOnlySpan<int> aShape, ArrayView<float> b, ReadOnlySpan<int> bShape, ArrayView<float> output)
        where TOperation : struct, IBinaryOperation
    {
        var layout = BroadcastLayout.Create(aShape, bShape);
        GpuArguments.RequireLength(a, Product(aShape), "broadcast binary", nameof(a));
        GpuArguments.RequireLength(b, Product(bShape), "broadcast binary", nameof(b));
        GpuArguments.RequireLength(output, layout.OutputLength, "broadcast binary", nameof(output));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(ElementwiseKernels), nameof(ElementwiseKernels.BinaryBroadcast), typeof(TOperation)),
            static acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, BroadcastLayout>(
                ElementwiseKernels.BinaryBroadcast<TOperation>));
        kernel(layout.OutputLength, a, b, output, layout);
    }

    private static long Product(ReadOnlySpan<int> shape)
    {
        long product = 1;
        foreach (int extent in shape) product *= extent;
        return product;
    }
}
