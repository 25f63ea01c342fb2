using Hmc.Native.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>
/// Launchers of <see cref="CrossEntropyKernels"/>: the summed negative log-likelihood of integer labels under a
/// softmax over logits, and its gradient. Labels live on the device and are not checked on the host (that would
/// need a copy); a label outside [0, classes) makes its row's loss and gradient NaN.
/// </summary>
public sealed class GpuCrossEntropy
{
    private readonly GpuAccelerator gpu;

    internal GpuCrossEntropy(GpuAccelerator gpu) => this.gpu = gpu;

    /// <summary>
    /// rowLogSumExp[r] = log Σₖ exp(z[r, k]); rowLosses[r] = rowLogSumExp[r] − z[r, labels[r]];
    /// total[0] = Σᵣ rowLosses[r]. Keep <paramref name="rowLogSumExp"/> for <see cref="Gradient"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public void NegativeLogLikelihood(
        ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> rowLogSumExp, ArrayView<float> rowLosses,
        ArrayView<float> total, int rows, int classes)
    {
        GpuArguments.RequireMatrix(logits, rows, classes, "cross-entropy", nameof(logits));
        GpuArguments.RequireLength(labels, rows, "cross-entropy", nameof(labels));
        GpuArguments.RequireLength(rowLogSumExp, rows, "cross-entropy", nameof(rowLogSumExp));
        GpuArguments.RequireLength(rowLosses, rows, "cross-entropy", nameof(rowLosses));
        if (rows > 0)
        {
            var kernel = gpu.Kernels.GetOrLoad(
                new KernelKey(typeof(CrossEntropyKernels), nameof(CrossEntropyKernels.NegativeLogLikelihoodRows)),
                static a => a.LoadStreamKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, int>(
                    CrossEntropyKernels.NegativeLogLikelihoodRows));
            kernel(gpu.GroupLaunch(rows), logits, labels, rowLogSumExp, rowLosses, classes);
        }

        gpu.Reductions.Reduce<SumReduction>(rowLosses, total);
    }

    /// <summary>
    /// gradient[r, k] = scale · (softmax(z[r])ₖ − [k = labels[r]]), from the row log-sum-exps written by
    /// <see cref="NegativeLogLikelihood"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public void Gradient(
        ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> rowLogSumExp, ArrayView<float> gradient,
        int rows, int classes, float scale = 1f)
    {
        GpuArguments.RequireMatrix(logits, rows, classes, "cross-entropy gradient", nameof(logits));
        GpuArguments.RequireLength(labels, rows, "cross-entropy gradient", nameof(labels));
        GpuArguments.RequireLength(rowLogSumExp, rows, "cross-entropy gradient", nameof(rowLogSumExp));
        GpuArguments.RequireLength(gradient, logits.Length, "cross-entropy gradient", nameof(gradient));
        if (rows == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(CrossEntropyKernels), nameof(CrossEntropyKernels.Gradient)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, int, float>(
                CrossEntropyKernels.Gradient));
        kernel((int)logits.Length, logits, labels, rowLogSumExp, gradient, classes, scale);
    }
}
