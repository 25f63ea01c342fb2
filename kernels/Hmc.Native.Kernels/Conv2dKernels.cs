using Hmc.Native.Nn;
using ILGPU;

namespace Hmc.Native.Kernels;

/// <summary>
/// Direct 2-D convolution on NCHW arrays (see <see cref="Conv2dGeometry"/>):
/// y[n,f,i,j] = b[f] + Σ_{c,u,v} x[n, c, iS − P + u, jS − P + v] · w[f, c, u, v], reads outside the input being 0.
/// The backward kernels gather rather than scatter, so every output element is written by exactly one thread
/// (or one group) and the results are deterministic, with no atomics. Sums are accumulated in float.
/// NaN or ∞ in any input term propagate to the outputs that read it.
/// </summary>
public static class Conv2dKernels
{
    /// <summary>
    /// y = conv(x, w) + b, one thread per output element. Pass an empty view as <paramref name="bias"/> for no bias.
    /// </summary>
    public static void Forward(Index1D index, ArrayView<float> input, ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> output, Conv2dGeometry g)
    {
        int ow = index % g.OutWidth;
        int rest = index / g.OutWidth;
        int oh = rest % g.OutHeight;
        rest /= g.OutHeight;
        int f = rest % g.OutChannels;
        int n = rest / g.OutChannels;
        float sum = bias.Length > 0 ? bias[f] : 0f;
        for (int c = 0; c < g.InChannels; c++)
        {
            int inputPlane = ((n * g.InChannels) + c) * g.Height;
            int weightPlane = ((f * g.InChannels) + c) * g.KernelHeight;
            for (int u = 0; u < g.KernelHeight; u++)
            {
                int ih = (oh * g.Stride) - g.Padding + u;
                if (ih < 0 || ih >= g.Height) continue;
                for (int v = 0; v < g.KernelWidth; v++)
                {
                    int iw = (ow * g.Stride) - g.Padding + v;
                    if (iw < 0 || iw >= g.Width) continue;
                    sum += input[((inputPlane + ih) * g.Width) + iw] * weight[((weightPlane + u) * g.KernelWidth) + v];
                }
            }
        }

        output[index] = sum;
    }

    /// <summary>
    /// ∂L/∂x[n,c,h,w] = Σ_{f,u,v} ∂L/∂y[n, f, (h + P − u)/S, (w + P − v)/S] · w[f,c,u,v] over the (u, v) for which
    /// the division is exact and the output index in range; one thread per input element.
    /// </summary>
    public static void BackwardInput(Index1D index, ArrayView<float> outputGradient, ArrayView<float> weight, ArrayView<float> inputGradient, Conv2dGeometry g)
    {
        int iw = index % g.Width;
        int rest = index / g.Width;
        int ih = rest % g.Height;
        rest /= g.Height;
        int c = rest % g.InChannels;
        int n = rest / g.InChannels;
        float sum = 0f;
        for (int f = 0; f < g.OutChannels; f++)
        {
            int outputPlane = ((n * g.OutChannels) + f) * g.OutHeight;
            int weightPlane = ((f * g.InChannels) + c) * g.KernelHeight;
            for (int u = 0; u < g.KernelHeight; u++)
            {
                if (!g.TryOutputRow(ih, u, out int oh)) continue;
                for (int v = 0; v < g.KernelWidth; v++)
                {
                    if (!g.TryOutputColumn(iw, v, out int ow)) continue;
                    sum += outputGradient[((outputPlane + oh) * g.OutWidth) + ow] * weight[((weightPlane + u) * g.KernelWidth) + v];
                }
            }
        }

        inputGradient[index] = sum;
    }

    /// <summary>
    /// ∂L/∂w[f,c,u,v] = Σ_{n,i,j} ∂L/∂y[n,f,i,j] · x[n, c, iS − P + u, jS − P + v]: one group per weight element
    /// (grid size F·C·KH·KW), its threads striding over the N·OH·OW terms and combining them with a tree
    /// reduction. Needs one float of dynamic shared memory per thread and a power-of-two group size.
    /// </summary>
    public static void BackwardWeight(ArrayView<float> outputGradient, ArrayView<float> input, ArrayView<float> weightGradient, Conv2dGeometry g)
    {
        var shared = SharedMemory.GetDynamic<float>();
        int weightIndex = Grid.IdxX;
        int v = weightIndex % g.KernelWidth;
        int rest = weightIndex / g.KernelWidth;
        int u = rest % g.KernelHeight;
        rest /= g.KernelHeight;
        int c = rest % g.InChannels;
        int f = rest / g.InChannels;
        int terms = g.Batch * g.OutHeight * g.OutWidth;
        float sum = 0f;
        for (int t = Group.IdxX; t < terms; t += Group.DimX)
        {
            int ow = t % g.OutWidth;
            int r = t / g.OutWidth;
            int oh = r % g.OutHeight;
            int n = r / g.OutHeight;
            int ih = (oh * g.Stride) - g.Padding + u;
            int iw = (ow * g.Stride) - g.Padding + v;
            if (ih < 0 || ih >= g.Height || iw < 0 || iw >= g.Width) continue;
            float dy = outputGradient[((((n * g.OutChannels) + f) * g.OutHeight) + oh) * g.OutWidth + ow];
            sum += dy * input[((((n * g.InChannels) + c) * g.Height) + ih) * g.Width + iw];
        }

        float total = GroupReductions.AllReduce<SumReduction>(sum, shared);
        if (Group.IsFirstThread) weightGradient[weightIndex] = total;
    }

    /// <summary>
    /// ∂L/∂b[f] = Σ_{n,i,j} ∂L/∂y[n,f,i,j]: one group per output channel (grid size F), tree-reduced. Needs one
    /// float of dynamic shared memory per thread and a power-of-two group size.
    /// </summary>
    public static void BackwardBias(ArrayView<float> outputGradient, ArrayView<float> biasGradient, Conv2dGeometry g)
    {
        var shared = SharedMemory.GetDynamic<float>();
        int f = Grid.IdxX;
        int plane = g.OutHeight * g.OutWidth;
        int terms = g.Batch * plane;
        float sum = 0f;
        for (int t = Group.IdxX; t < terms; t += Group.DimX)
        {
            int n = t / plane;
            sum += outputGradient[(((n * g.OutChannels) + f) * plane) + (t - (n * plane))];
        }

        float total = GroupReductions.AllReduce<SumReduction>(sum, shared);
        if (Group.IsFirstThread) biasGradient[f] = total;
    }
}
