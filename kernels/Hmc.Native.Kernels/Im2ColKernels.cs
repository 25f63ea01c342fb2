using Hmc.Native.Nn;
using ILGPU;

namespace Hmc.Native.Kernels;

/// <summary>
/// The data movement that lowers a 2-D convolution (see <see cref="Conv2dGeometry"/>) to matrix products
/// (Chellapilla, Puri and Simard, "High performance convolutional neural networks for document processing", 2006,
/// section 3). With R = N·OH·OW rows indexed r = (n·OH + i)·OW + j and K = C·KH·KW columns indexed
/// k = (c·KH + u)·KW + v, the column matrix is cols[r, k] = x[n, c, iS − P + u, jS − P + v] (0 outside the input),
/// so that with W the F × K weight matrix (the weight as stored):
/// Y = cols·Wᵀ (R × F), ∂L/∂cols = ∂L/∂Y·W (R × K), ∂L/∂W = (∂L/∂Y)ᵀ·cols (F × K).
/// Every matrix is dense row-major and every kernel writes each of its outputs from exactly one thread, gathering
/// its terms, so the results are deterministic, with no atomics. Values are copied or summed in float; NaN and ∞
/// pass through unchanged into every element that reads them.
/// </summary>
public static class Im2ColKernels
{
    /// <summary>cols[r, k] = x[n, c, iS − P + u, jS − P + v], or 0 where that lies in the padding; one thread per element of cols (R·K threads).</summary>
    public static void Im2Col(Index1D index, ArrayView<float> input, ArrayView<float> columns, Conv2dGeometry g)
    {
        int columnCount = g.InChannels * g.KernelHeight * g.KernelWidth;
        int k = index % columnCount;
        int r = index / columnCount;
        int v = k % g.KernelWidth;
        int rest = k / g.KernelWidth;
        int u = rest % g.KernelHeight;
        int c = rest / g.KernelHeight;
        int j = r % g.OutWidth;
        rest = r / g.OutWidth;
        int i = rest % g.OutHeight;
        int n = rest / g.OutHeight;
        int h = (i * g.Stride) - g.Padding + u;
        int w = (j * g.Stride) - g.Padding + v;
        bool inside = h >= 0 && h < g.Height && w >= 0 && w < g.Width;
        columns[index] = inside ? input[((((n * g.InChannels) + c) * g.Height) + h) * g.Width + w] : 0f;
    }

    /// <summary>
    /// The adjoint of <see cref="Im2Col"/> in gather form: ∂L/∂x[n,c,h,w] = Σ_{u,v} ∂L/∂cols[r, k] with
    /// r = (n·OH + (h + P − u)/S)·OW + (w + P − v)/S and k = (c·KH + u)·KW + v, over the (u, v) for which both
    /// divisions are exact and the output position in range; one thread per input element, overwriting it.
    /// </summary>
    public static void Col2Im(Index1D index, ArrayView<float> columnGradient, ArrayView<float> inputGradient, Conv2dGeometry g)
    {
        int columnCount = g.InChannels * g.KernelHeight * g.KernelWidth;
        int w = index % g.Width;
        int rest = index / g.Width;
        int h = rest % g.Height;
        rest /= g.Height;
        int c = rest % g.InChannels;
        int n = rest / g.InChannels;
        float sum = 0f;
        for (int u = 0; u < g.KernelHeight; u++)
        {
            if (!g.TryOutputRow(h, u, out int i)) continue;
            for (int v = 0; v < g.KernelWidth; v++)
            {
                if (!g.TryOutputColumn(w, v, out int j)) continue;
                int r = (((n * g.OutHeight) + i) * g.OutWidth) + j;
                int k = (((c * g.KernelHeight) + u) * g.KernelWidth) + v;
                sum += columnGradient[(r * columnCount) + k];
            }
        }

        inputGradient[index] = sum;
    }

    /// <summary>
    /// y[n,f,i,j] = Y[r, f] + b[f] with r = (n·OH + i)·OW + j: the R × F product reordered to NCHW, plus the bias;
    /// pass an empty view as <paramref name="bias"/> for none. One thread per output element (N·F·OH·OW threads).
    /// </summary>
    public static void OutputFromMatrix(Index1D index, ArrayView<float> matrix, ArrayView<float> bias, ArrayView<float> output, Conv2dGeometry g)
    {
        int plane = g.OutHeight * g.OutWidth;
        int position = index % plane;
        int rest = index / plane;
        int f = rest % g.OutChannels;
        int n = rest / g.OutChannels;
        int r = (n * plane) + position;
        float value = matrix[(r * g.OutChannels) + f];
        output[index] = bias.Length > 0 ? value + bias[f] : value;
    }

    /// <summary>
    /// M[r, f] = ∂L/∂y[n,f,i,j] with r = (n·OH + i)·OW + j: the NCHW output gradient reordered to the R × F matrix
    /// ∂L/∂Y; one thread per element of M (R·F threads).
    /// </summary>
    public static void MatrixFromOutput(Index1D index, ArrayView<float> outputGradient, ArrayView<float> matrix, Conv2dGeometry g)
    {
        int plane = g.OutHeight * g.OutWidth;
        int f = index % g.OutChannels;
        int r = index / g.OutChannels;
        int position = r % plane;
        int n = r / plane;
        matrix[index] = outputGradient[(((n * g.OutChannels) + f) * plane) + position];
    }
}
