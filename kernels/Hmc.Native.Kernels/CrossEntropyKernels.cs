using ILGPU;
using ILGPU.Algorithms;

namespace Hmc.Native.Kernels;

/// <summary>
/// Softmax cross-entropy of integer class labels: for logits z ∈ ℝ^(rows × classes) and labels yᵣ, the negative
/// log-likelihood of row r is ℓᵣ = log Σₖ exp(zᵣₖ) − zᵣ,yᵣ, and ∂ℓᵣ/∂zᵣₖ = softmax(zᵣ)ₖ − [k = yᵣ].
/// A label outside [0, classes) cannot throw inside a kernel: it gives a NaN loss and a NaN gradient row, so a
/// sampler sees a NaN log-likelihood and rejects.
/// </summary>
public static class CrossEntropyKernels
{
    /// <summary>
    /// One group per row: logSumExp[r] = log Σₖ exp(z[r, k]) and losses[r] = logSumExp[r] − z[r, labels[r]].
    /// Needs one float of dynamic shared memory per thread and a power-of-two group size.
    /// </summary>
    public static void NegativeLogLikelihoodRows(
        ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> logSumExp, ArrayView<float> losses, int classes)
    {
        var shared = SharedMemory.GetDynamic<float>();
        int row = Grid.IdxX;
        float value = GroupReductions.LogSumExp(logits.SubView(row * classes, classes), shared);
        if (Group.IsFirstThread)
        {
            int label = labels[row];
            logSumExp[row] = value;
            losses[row] = label >= 0 && label < classes ? value - logits[(row * classes) + label] : float.NaN;
        }
    }

    /// <summary>
    /// gradient[r, k] = scale · (exp(z[r, k] − logSumExp[r]) − [k = labels[r]]), one thread per logit, using the
    /// per-row log-sum-exp written by <see cref="NegativeLogLikelihoodRows"/>. With scale = 1 this is the
    /// gradient of Σᵣ ℓᵣ; pass the upstream derivative (e.g. −1 for a log-likelihood) as <paramref name="scale"/>.
    /// </summary>
    public static void Gradient(
        Index1D index, ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> logSumExp,
        ArrayView<float> gradient, int classes, float scale)
    {
        int row = index / classes;
        int label = labels[row];
        float indicator = index - (row * classes) == label ? 1f : 0f;
        float value = label >= 0 && label < classes ? XMath.Exp(logits[index] - logSumExp[row]) - indicator : float.NaN;
        gradient[index] = scale * value;
    }
}
