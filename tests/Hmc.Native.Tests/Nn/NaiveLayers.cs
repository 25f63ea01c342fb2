namespace Hmc.Native.Tests.Nn;

/// <summary>
/// Slow, obviously correct layer implementations (DESIGN.md principle 9): direct loops over every index, used as
/// oracles for the fast im2col/GEMM and SIMD pooling kernels. Forward and hand-written backward passes.
/// </summary>
internal static class NaiveLayers
{
    /// <summary>The direct 6-loop cross-correlation y[n,o,i,j] = b[o] + Σ w[o,c,ki,kj]·x[n,c,i·s−p+ki, j·s−p+kj].</summary>
    public static double[] Conv2d(double[] x, int batch, int channels, int height, int width, double[] w, double[]? b,
        int outChannels, int k, int stride, int padding, out int outH, out int outW)
    {
        outH = (height + 2 * padding - k) / stride + 1;
        outW = (width + 2 * padding - k) / stride + 1;
        var y = new double[batch * outChannels * outH * outW];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int i = 0; i < outH; i++)
                    for (int j = 0; j < outW; j++)
                    {
                        double s = b?[o] ?? 0;
                        for (int c = 0; c < channels; c++)
                            for (int ki = 0; ki < k; ki++)
                                for (int kj = 0; kj < k; kj++)
                                {
                                    int r = i * stride - padding + ki, q = j * stride - padding + kj;
                                    if (r < 0 || r >= height || q < 0 || q >= width) continue;
                                    s += w[((o * channels + c) * k + ki) * k + kj] * x[((n * channels + c) * height + r) * width + q];
                                }
                        y[((n * outChannels + o) * outH + i) * outW + j] = s;
                    }
        return y;
    }

    /// <summary>The adjoints of <see cref="Conv2d"/> for the output adjoint <paramref name="gy"/>, by the same loops.</summary>
    public static (double[] Dx, double[] Dw, double[] Db) Conv2dBackward(double[] x, int batch, int channels, int height, int width,
        double[] w, int outChannels, int k, int stride, int padding, double[] gy)
    {
        int outH = (height + 2 * padding - k) / stride + 1, outW = (width + 2 * padding - k) / stride + 1;
        var dx = new double[x.Length];
        var dw = new double[w.Length];
        var db = new double[outChannels];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int i = 0; i < outH; i++)
                    for (int j = 0; j < outW; j++)
                    {
                        double g = gy[((n * outChannels + o) * outH + i) * outW + j];
                        db[o] += g;
                        for (int c = 0; c < channels; c++)
                            for (int ki = 0; ki < k; ki++)
                                for (int kj = 0; kj < k; kj++)
                                {
                                    int r = i * stride - padding + ki, q = j * stride - padding + kj;
                                    if (r < 0 || r >= height || q < 0 || q >= width) continue;
                                    int xi = ((n * channels + c) * height + r) * width + q, wi = ((o * channels + c) * k + ki) * k + kj;
                                    dx[xi] += g * w[wi];
                                    dw[wi] += g * x[xi];
                                }
                    }
        return (dx, dw, db);
    }

    /// <summary>y[r,o] = b[o] + Σ_i x[r,i]·w[o,i].</summary>
    public static double[] Linear(double[] x, int rows, int inFeatures, double[] w, double[]? b, int outFeatures)
    {
        var y = new double[rows * outFeatures];
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < outFeatures; o++)
            {
                double s = b?[o] ?? 0;
                for (int i = 0; i < inFeatures; i++) s += x[r * inFeatures + i] * w[o * inFeatures + i];
                y[r * outFeatures + o] = s;
            }
        return y;
    }

    /// <summary>The adjoints of <see cref="Linear"/>.</summary>
    public static (double[] Dx, double[] Dw, double[] Db) LinearBackward(double[] x, int rows, int inFeatures, double[] w, int outFeatures, double[] gy)
    {
        var dx = new double[x.Length];
        var dw = new double[w.Length];
        var db = new double[outFeatures];
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < outFeatures; o++)
            {
                double g = gy[r * outFeatures + o];
                db[o] += g;
                for (int i = 0; i < inFeatures; i++)
                {
                    dx[r * inFeatures + i] += g * w[o * inFeatures + i];
                    dw[o * inFeatures + i] += g * x[r * inFeatures + i];
                }
            }
        return (dx, dw, db);
    }

    /// <summary>Max (or average) over each k×k window of each plane; max propagates NaN like PyTorch.</summary>
    public static double[] Pool(double[] x, int planes, int height, int width, int k, int stride, bool max)
    {
        int outH = (height - k) / stride + 1, outW = (width - k) / stride + 1;
        var y = new double[planes * outH * outW];
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < outH; i++)
                for (int j = 0; j < outW; j++)
                {
                    double acc = max ? double.NegativeInfinity : 0;
                    for (int ki = 0; ki < k; ki++)
                        for (int kj = 0; kj < k; kj++)
                        {
                            double v = x[(p * height + i * stride + ki) * width + j * stride + kj];
                            acc = max ? (double.IsNaN(v) || double.IsNaN(acc) ? double.NaN : Math.Max(acc, v)) : acc + v;
                        }
                    y[(p * outH + i) * outW + j] = max ? acc : acc / (k * k);
                }
        return y;
    }

    /// <summary>The adjoint of <see cref="Pool"/>: max sends each gradient to the first maximal element of its window (row-major), average spreads it evenly.</summary>
    public static double[] PoolBackward(double[] x, int planes, int height, int width, int k, int stride, bool max, double[] gy)
    {
        int outH = (height - k) / stride + 1, outW = (width - k) / stride + 1;
        var dx = new double[x.Length];
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < outH; i++)
                for (int j = 0; j < outW; j++)
                {
                    double g = gy[(p * outH + i) * outW + j];
                    int best = -1;
                    for (int ki = 0; ki < k; ki++)
                        for (int kj = 0; kj < k; kj++)
                        {
                            int at = (p * height + i * stride + ki) * width + j * stride + kj;
                            if (!max) dx[at] += g / (k * k);
                            else if (best < 0 || x[at] > x[best]) best = at;
                        }
                    if (max) dx[best] += g;
                }
        return dx;
    }

    /// <summary>Uniform draws on (−1, 1) from a fixed seed.</summary>
    public static double[] Random(int length, int seed)
    {
        var rng = new Random(seed);
        var v = new double[length];
        for (int i = 0; i < v.Length; i++) v[i] = rng.NextDouble() * 2 - 1;
        return v;
    }
}
