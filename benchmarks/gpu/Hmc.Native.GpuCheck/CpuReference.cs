using Hmc.Native.Nn;

namespace Hmc.Native.GpuCheck;

/// <summary>Plain loops in double precision: the oracle every kernel is compared with.</summary>
internal static class CpuReference
{
    public static double[] Matmul(float[] a, float[] b, int m, int n, int k, bool transposeA, bool transposeB)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += (double)a[transposeA ? (p * m) + i : (i * k) + p] * b[transposeB ? (j * k) + p : (p * n) + j];
                }

                c[(i * n) + j] = sum;
            }
        }

        return c;
    }

    /// <summary>Calls <paramref name="tap"/>(input index, weight index, output index) for every term of the convolution.</summary>
    private static void ForEachTap(Conv2dGeometry g, Action<int, int, int> tap)
    {
        for (int n = 0; n < g.Batch; n++)
        for (int f = 0; f < g.OutChannels; f++)
        for (int i = 0; i < g.OutHeight; i++)
        for (int j = 0; j < g.OutWidth; j++)
        for (int c = 0; c < g.InChannels; c++)
        for (int u = 0; u < g.KernelHeight; u++)
        for (int v = 0; v < g.KernelWidth; v++)
        {
            int h = (i * g.Stride) - g.Padding + u;
            int w = (j * g.Stride) - g.Padding + v;
            if (h < 0 || h >= g.Height || w < 0 || w >= g.Width) continue;
            int input = (((((n * g.InChannels) + c) * g.Height) + h) * g.Width) + w;
            int weight = (((((f * g.InChannels) + c) * g.KernelHeight) + u) * g.KernelWidth) + v;
            int output = (((((n * g.OutChannels) + f) * g.OutHeight) + i) * g.OutWidth) + j;
            tap(input, weight, output);
        }
    }

    public static double[] ConvForward(float[] x, float[] w, float[] bias, Conv2dGeometry g)
    {
        var y = new double[g.OutputLength];
        int plane = g.OutHeight * g.OutWidth;
        for (int o = 0; o < y.Length; o++) y[o] = bias[o / plane % g.OutChannels];
        ForEachTap(g, (xi, wi, yi) => y[yi] += (double)x[xi] * w[wi]);
        return y;
    }

    public static (double[] Input, double[] Weight, double[] Bias) ConvBackward(float[] x, float[] w, float[] dy, Conv2dGeometry g)
    {
        var dx = new double[g.InputLength];
        var dw = new double[g.WeightLength];
        var db = new double[g.OutChannels];
        ForEachTap(g, (xi, wi, yi) =>
        {
            dx[xi] += (double)dy[yi] * w[wi];
            dw[wi] += (double)dy[yi] * x[xi];
        });
        int plane = g.OutHeight * g.OutWidth;
        for (int o = 0; o < dy.Length; o++) db[o / plane % g.OutChannels] += dy[o];
        return (dx, dw, db);
    }

    public static (double[] Values, int[] Argmax) MaxPool(float[] x, Pool2dGeometry g)
    {
        var values = new double[g.OutputLength];
        var argmax = new int[g.OutputLength];
        int o = 0;
        for (int plane = 0; plane < g.Batch * g.Channels; plane++)
        for (int i = 0; i < g.OutHeight; i++)
        for (int j = 0; j < g.OutWidth; j++, o++)
        {
            int best = -1;
            for (int u = 0; u < g.KernelSize; u++)
            for (int v = 0; v < g.KernelSize; v++)
            {
                int h = (i * g.Stride) - g.Padding + u;
                int w = (j * g.Stride) - g.Padding + v;
                if (h < 0 || h >= g.Height || w < 0 || w >= g.Width) continue;
                int at = (((plane * g.Height) + h) * g.Width) + w;
                if (best < 0 || x[at] > x[best]) best = at;
            }

            values[o] = x[best];
            argmax[o] = best;
        }

        return (values, argmax);
    }

    public static double LogSumExp(ReadOnlySpan<float> values)
    {
        double max = double.NegativeInfinity;
        foreach (float v in values) max = Math.Max(max, v);
        if (double.IsInfinity(max)) return max;
        double sum = 0;
        foreach (float v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    public static double[] LogSumExpRows(float[] z, int rows, int columns)
    {
        var result = new double[rows];
        for (int r = 0; r < rows; r++) result[r] = LogSumExp(z.AsSpan(r * columns, columns));
        return result;
    }

    public static (double Total, double[] Gradient) CrossEntropy(float[] z, int[] labels, int rows, int classes)
    {
        var lse = LogSumExpRows(z, rows, classes);
        double total = 0;
        var gradient = new double[z.Length];
        for (int r = 0; r < rows; r++)
        {
            total += lse[r] - z[(r * classes) + labels[r]];
            for (int k = 0; k < classes; k++)
            {
                gradient[(r * classes) + k] = Math.Exp(z[(r * classes) + k] - lse[r]) - (k == labels[r] ? 1 : 0);
            }
        }

        return (total, gradient);
    }

    /// <summary>Leapfrog for π = N(0, diag(−1/negativePrecision)) with diagonal inverse mass; returns (θ, p) after the trajectory.</summary>
    public static (double[] Position, double[] Momentum) GaussianTrajectory(
        float[] theta0, float[] p0, float[] negativePrecision, float[] inverseMass, double stepSize, int steps)
    {
        var theta = Array.ConvertAll(theta0, v => (double)v);
        var p = Array.ConvertAll(p0, v => (double)v);
        for (int s = 0; s < steps; s++)
        {
            for (int i = 0; i < p.Length; i++) p[i] += 0.5 * stepSize * negativePrecision[i] * theta[i];
            for (int i = 0; i < p.Length; i++) theta[i] += stepSize * inverseMass[i] * p[i];
            for (int i = 0; i < p.Length; i++) p[i] += 0.5 * stepSize * negativePrecision[i] * theta[i];
        }

        return (theta, p);
    }
}
