using Hmc.Native.Nn;

namespace Hmc.Native.GpuCheck;

/// <summary>
/// The problem sizes of the checks and timings. <see cref="Full"/> is the MNIST Bayesian CNN workload (LeNet-style:
/// conv 1→20 k5 on 28×28, max pool 2, conv 20→50 k5 on 12×12, 431,080 parameters) for a GPU; <see cref="Small"/>
/// keeps ILGPU's CPU accelerator, which pays an OS-level synchronisation for every group barrier, to about a minute.
/// </summary>
internal sealed record ProblemSizes(
    int Elementwise,
    int ReductionRows,
    int ReductionColumns,
    int Reduction,
    (int M, int N, int K) CheckedMatmul,
    int TimedMatmul,
    Conv2dGeometry FirstConvolution,
    Conv2dGeometry SecondConvolution,
    int CheckBatch,
    int TimedBatch,
    int Parameters)
{
    public static readonly ProblemSizes Full = new(
        1 << 20, 1000, 784, 1 << 20, (256, 192, 320), 512,
        new Conv2dGeometry(100, 1, 28, 28, 20, 5, 5),
        new Conv2dGeometry(100, 20, 12, 12, 50, 5, 5),
        CheckBatch: 8, TimedBatch: 100, Parameters: 431_080);

    public static readonly ProblemSizes Small = new(
        4096, 16, 100, 5000, (33, 29, 31), 32,
        new Conv2dGeometry(1, 1, 28, 28, 4, 5, 5),
        new Conv2dGeometry(1, 4, 12, 12, 6, 5, 5),
        CheckBatch: 1, TimedBatch: 1, Parameters: 2000);

    /// <summary><paramref name="layer"/> with its batch replaced by <paramref name="batch"/>.</summary>
    public static Conv2dGeometry WithBatch(Conv2dGeometry layer, int batch) =>
        new(batch, layer.InChannels, layer.Height, layer.Width, layer.OutChannels, layer.KernelHeight, layer.KernelWidth, layer.Stride, layer.Padding);

    public static string Describe(Conv2dGeometry g) =>
        $"conv {g.InChannels}->{g.OutChannels} k{g.KernelHeight} {g.Height}x{g.Width}, batch {g.Batch}";
}
