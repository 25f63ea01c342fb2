using Hmc.Native.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>Launchers of <see cref="MatmulKernels"/>: C = α·op(A)·op(B) + β·C with the operands described by a <see cref="GemmLayout"/>.</summary>
public sealed class GpuMatmul
{
    private readonly GpuAccelerator gpu;

    internal GpuMatmul(GpuAccelerator gpu) => this.gpu = gpu;

    /// <summary>
    /// The shared-memory tiled product with T × T tiles, T = <see cref="GpuAccelerator.TileSize"/>. With β = 0, C is
    /// only written.
    /// </summary>
    /// <exception cref="ArgumentException">A view is shorter than the layout needs, or C is not M·N long.</exception>
    public void Multiply(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmLayout layout, float alpha = 1f, float beta = 0f)
    {
        Check(a, b, c, layout);
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(MatmulKernels), nameof(MatmulKernels.Tiled)),
            static acc => acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmLayout, float, float>(MatmulKernels.Tiled));
        int tile = gpu.TileSize;
        var config = new KernelConfig(
            new Index2D((layout.N + tile - 1) / tile, (layout.M + tile - 1) / tile),
            new Index2D(tile, tile),
            SharedMemoryConfig.RequestDynamic<float>(2 * tile * tile));
        kernel(config, a, b, c, layout, alpha, beta);
    }

    /// <summary>The naive product, one thread per element of C reading from global memory; the oracle for <see cref="Multiply"/>.</summary>
    /// <exception cref="ArgumentException">A view is shorter than the layout needs, or C is not M·N long.</exception>
    public void MultiplyNaive(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmLayout layout, float alpha = 1f, float beta = 0f)
    {
        Check(a, b, c, layout);
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(MatmulKernels), nameof(MatmulKernels.Naive)),
            static acc => acc.LoadAutoGroupedStreamKernel<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmLayout, float, float>(MatmulKernels.Naive));
        kernel(new Index2D(layout.N, layout.M), a, b, c, layout, alpha, beta);
    }

    private static void Check(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmLayout layout)
    {
        GpuArguments.RequireAtLeast(a, layout.ALength, "matmul", nameof(a));
        GpuArguments.RequireAtLeast(b, layout.BLength, "matmul", nameof(b));
        GpuArguments.RequireLength(c, (long)layout.M * layout.N, "matmul", nameof(c));
    }
}
