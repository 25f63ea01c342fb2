using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>
/// An open ILGPU accelerator (a CUDA GPU, an OpenCL device, or ILGPU's CPU accelerator) with its compiled-kernel
/// cache and the launchers of every kernel family. Launches are queued on the accelerator's default stream, in
/// order; results reach the host through <see cref="GpuBuffer{T}"/> copies, which wait for the queue.
/// An accelerator serves one thread at a time (the reductions and the lowered convolution keep scratch buffers): give each chain its own.
/// </summary>
public sealed class GpuAccelerator : IDisposable
{
    /// <summary>The largest thread group used by the group-wise kernels (reductions, rows, convolution gradients).</summary>
    public const int MaxGroupSize = 256;

    /// <summary>The largest matmul tile edge (a 16 × 16 tile is 256 threads and 2 KiB of shared memory).</summary>
    public const int MaxTileSize = 16;

    internal GpuAccelerator(DeviceInfo info, Accelerator accelerator)
    {
        Info = info;
        Accelerator = accelerator;
        Kernels = new KernelCache(accelerator);
        GroupSize = PowerOfTwoAtMost(Math.Min(MaxGroupSize, accelerator.MaxNumThreadsPerGroup));
        int tile = 1;
        while (tile * 2 <= MaxTileSize && (tile * 2) * (tile * 2) <= accelerator.MaxNumThreadsPerGroup) tile *= 2;
        TileSize = tile;
        Elementwise = new GpuElementwise(this);
        Reductions = new GpuReductions(this);
        Matmul = new GpuMatmul(this);
        Convolution = new GpuConvolution(this);
        Pooling = new GpuPooling(this);
        Softmax = new GpuSoftmax(this);
        CrossEntropy = new GpuCrossEntropy(this);
        Leapfrog = new GpuLeapfrog(this);
        Momentum = new GpuMomentum(this);
        Metropolis = new GpuMetropolis(this);
    }

    /// <summary>The device this accelerator runs on.</summary>
    public DeviceInfo Info { get; }

    /// <summary>The kind of device.</summary>
    public Tensors.Device Device => Info.Kind;

    /// <summary>The underlying ILGPU accelerator, for launching kernels of your own.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The kernels compiled so far for this accelerator.</summary>
    public KernelCache Kernels { get; }

    /// <summary>
    /// Threads per group of the group-wise kernels: the largest power of two at most min(256, the device's maximum
    /// group size) — 256 on CUDA, 16 on ILGPU's default CPU accelerator.
    /// </summary>
    public int GroupSize { get; }

    /// <summary>Edge T of the square T × T tiles of the tiled matmul: the largest power of two ≤ 16 with T² threads allowed per group.</summary>
    public int TileSize { get; }

    /// <summary>Elementwise unary and binary kernels.</summary>
    public GpuElementwise Elementwise { get; }

    /// <summary>Sums, maxima, log-sum-exp, dot products and the kinetic energy.</summary>
    public GpuReductions Reductions { get; }

    /// <summary>Matrix products (tiled and naive).</summary>
    public GpuMatmul Matmul { get; }

    /// <summary>2-D convolution forward and backward.</summary>
    public GpuConvolution Convolution { get; }

    /// <summary>2-D max pooling forward and backward.</summary>
    public GpuPooling Pooling { get; }

    /// <summary>Row-wise log-softmax.</summary>
    public GpuSoftmax Softmax { get; }

    /// <summary>Softmax cross-entropy of integer labels and its gradient.</summary>
    public GpuCrossEntropy CrossEntropy { get; }

    /// <summary>Leapfrog updates of HMC on device-resident parameters.</summary>
    public GpuLeapfrog Leapfrog { get; }

    /// <summary>HMC momenta drawn on the device.</summary>
    public GpuMomentum Momentum { get; }

    /// <summary>The Metropolis decision of HMC made and applied on the device.</summary>
    public GpuMetropolis Metropolis { get; }

    /// <summary>Allocates a device buffer of <paramref name="length"/> elements (contents undefined until written).</summary>
    public GpuBuffer<T> Allocate<T>(int length)
        where T : unmanaged => new(Accelerator, length);

    /// <summary>Allocates a device buffer holding a copy of <paramref name="values"/>.</summary>
    public GpuBuffer<T> Upload<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var buffer = new GpuBuffer<T>(Accelerator, values.Length);
        buffer.CopyFromHost(values);
        return buffer;
    }

    /// <summary>Waits until every queued kernel and copy has finished.</summary>
    public void Synchronize() => Accelerator.Synchronize();

    /// <summary>Frees the scratch memory, the compiled kernels and the accelerator.</summary>
    public void Dispose()
    {
        Reductions.Dispose();
        Convolution.Dispose();
        Accelerator.Dispose();
    }

    /// <summary>A 1-D launch of <paramref name="groups"/> groups of <see cref="GroupSize"/> threads with one float of dynamic shared memory per thread.</summary>
    internal KernelConfig GroupLaunch(int groups) =>
        new(groups, GroupSize, SharedMemoryConfig.RequestDynamic<float>(GroupSize));

    private static int PowerOfTwoAtMost(int value)
    {
        int power = 1;
        while (power * 2 <= value) power *= 2;
        return power;
    }
}
