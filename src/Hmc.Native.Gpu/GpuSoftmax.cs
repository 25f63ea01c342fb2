using Hmc.Native.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>Launcher of <see cref="SoftmaxKernels"/>.</summary>
public sealed class GpuSoftmax
{
    private readonly GpuAccelerator gpu;

    internal GpuSoftmax(GpuAccelerator gpu) => this.gpu = gpu;

    /// <summary>output[r, j] = input[r, j] − log Σₖ exp(input[r, k]) for a row-major rows × columns matrix; may run in place.</summary>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public void LogSoftmaxRows(ArrayView<float> input, ArrayView<float> output, int rows, int columns)
    {
        GpuArguments.RequireMatrix(input, rows, columns, "log-softmax", nameof(input));
        GpuArguments.RequireLength(output, input.Length, "log-softmax", nameof(output));
        if (rows == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(SoftmaxKernels), nameof(SoftmaxKernels.LogSoftmaxRows)),
            static a => a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int>(SoftmaxKernels.LogSoftmaxRows));
        kernel(gpu.GroupLaunch(rows), input, output, columns);
    }
}
