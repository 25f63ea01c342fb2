using Hmc.Native.Nn;
using ILGPU;
using ILGPU.Algorithms;

namespace Hmc.Native.Kernels;

/// <summary>
/// Max pooling over square windows on NCHW arrays (see <see cref="Pool2dGeometry"/>), recording for each output the
/// flat input index of its maximum so that the backward pass routes the gradient there. Ties keep the first
/// maximum in row-major window order; a NaN in a window wins (NaN propagates, as in PyTorch).
/// </summary>
public static class MaxPool2dKernels
{
    /// <summary>
    /// y[n,c,i,j] = max over the window at (iS − P, jS − P) of x[n,c,·,·], and argmax[n,c,i,j] = the flat index
    /// into x of that maximum; one thread per output element.
    /// </summary>
    public static void Forward(Index1D index, ArrayView<float> input, ArrayView<float> output, ArrayView<int> argmax, Pool2dGeometry g)
    {
        int ow = index % g.OutWidth;
        int rest = index / g.OutWidth;
        int oh = rest % g.OutHeight;
        int plane = rest / g.OutHeight;
        float best = float.NegativeInfinity;
        int bestIndex = -1;
        for (int u = 0; u < g.KernelSize; u++)
        {
            int ih = (oh * g.Stride) - g.Padding + u;
            if (ih < 0 || ih >= g.Height) continue;
            for (int v = 0; v < g.KernelSize; v++)
            {
                int iw = (ow * g.Stride) - g.Padding + v;
                if (iw < 0 || iw >= g.Width) continue;
                int at = (((plane * g.Height) + ih) * g.Width) + iw;
                float value = input[at];
                if (bestIndex < 0 || value > best || (XMath.IsNaN(value) && !XMath.IsNaN(best)))
                {
                    best = value;
                    bestIndex = at;
                }
            }
        }

        output[index] = best;
        argmax[index] = bestIndex;
    }

    /// <summary>
    /// ∂L/∂x[k] = Σ ∂L/∂y[o] over the outputs o whose window contains k and whose argmax is k; one thread per input
    /// element, gathering from at most ⌈K/S⌉² windows, so overlapping windows need no atomics.
    /// </summary>
    public static void Backward(Index1D index, ArrayView<float> outputGradient, ArrayView<int> argmax, ArrayView<float> inputGradient, Pool2dGeometry g)
    {
        int iw = index % g.Width;
        int rest = index / g.Width;
        int ih = rest % g.Height;
        int plane = rest / g.Height;
        float sum = 0f;
        for (int u = 0; u < g.KernelSize; u++)
        {
            int th = ih + g.Padding - u;
            if (th < 0 || th % g.Stride != 0) continue;
            int oh = th / g.Stride;
            if (oh >= g.OutHeight) continue;
            for (int v = 0; v < g.KernelSize; v++)
            {
                int tw = iw + g.Padding - v;
                if (tw < 0 || tw % g.Stride != 0) continue;
                int ow = tw / g.Stride;
                if (ow >= g.OutWidth) continue;
                int at = (((plane * g.OutHeight) + oh) * g.OutWidth) + ow;
                if (argmax[at] == index) sum += outputGradient[at];
            }
        }

        inputGradient[index] = sum;
    }
}
