using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.Targets;

/// <summary>
/// Neal's funnel as the seed writes it (Neal 2003): v ~ N(0, 3²), x_i | v ~ N(0, e^{−v}), i = 1..D (D = 10), started
/// at v = 0, x_i = 1. log π = −v²/18 − ½ e^{v} Σ x_i² + (D/2) v + const.
/// </summary>
public static class FunnelTarget
{
    /// <summary>The number of x coordinates.</summary>
    public const int Dimensions = 10;

    /// <summary>The standard deviation of v.</summary>
    public const double VStandardDeviation = 3;

    /// <summary>The log-density of (v, x_1..x_D) with normalising constants, as torch.distributions computes it.</summary>
    public static Tensor<double> LogDensity(Tensor<double> w)
    {
        var v = w[0];
        var x = w[1..];
        int d = x.Length;
        double c = -0.5 * Math.Log(2 * Math.PI);
        return -(v * v) / (2 * VStandardDeviation * VStandardDeviation) - Math.Log(VStandardDeviation) + c
             - 0.5 * (x * x).Sum() * v.Exp() + 0.5 * d * v + d * c;
    }

    /// <summary>The target.</summary>
    public static Target Create()
    {
        var init = Enumerable.Repeat(1.0, Dimensions + 1).ToArray();
        init[0] = 0;
        var names = new[] { "v" }.Concat(Enumerable.Range(1, Dimensions).Select(i => $"x.{i}")).ToArray();
        return new("funnel", new TensorLogDensity(LogDensity, Dimensions + 1), LogDensity, init, names);
    }

    /// <summary>
    /// KL(histogram ‖ N(0, 3²)) of the v draws over 20 equal bins on [−9, 9], the normal's bin masses renormalised
    /// to that range, empty bins contributing 0 (the measure the side-by-side harness records). NaN draws and draws
    /// outside the range are left out; with none inside it the result is NaN.
    /// </summary>
    public static double KlOfV(IEnumerable<double> v)
    {
        const int bins = 20;
        const double lo = -9, hi = 9, width = (hi - lo) / bins;
        var counts = new double[bins];
        int total = 0;
        foreach (double x in v)
        {
            if (!(x >= lo && x <= hi)) continue;
            counts[Math.Min(bins - 1, (int)((x - lo) / width))]++;
            total++;
        }
        if (total == 0) return double.NaN;
        var q = new double[bins];
        for (int b = 0; b < bins; b++)
            q[b] = NormalCdf((lo + (b + 1) * width) / VStandardDeviation) - NormalCdf((lo + b * width) / VStandardDeviation);
        double qSum = q.Sum(), kl = 0;
        for (int b = 0; b < bins; b++)
        {
            double p = counts[b] / total;
            if (p > 0) kl += p * Math.Log(p / (q[b] / qSum));
        }
        return kl;
    }

    private static double NormalCdf(double z) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-z / Math.Sqrt(2));
}
