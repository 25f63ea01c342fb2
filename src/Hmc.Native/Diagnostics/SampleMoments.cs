namespace Hmc.Native.Diagnostics;

/// <summary>Plain sample moments as R computes them (<c>mean</c>, <c>var</c>, <c>sd</c>).</summary>
internal static class SampleMoments
{
    /// <summary>The arithmetic mean (NaN when empty or when a value is NaN).</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>The sample variance with divisor n − 1; NaN for fewer than two values, as R's <c>var</c>.</summary>
    public static double Variance(ReadOnlySpan<double> values)
    {
        if (values.Length < 2) return double.NaN;
        double mean = Mean(values);
        double sum = 0;
        foreach (double v in values)
        {
            double d = v - mean;
            sum += d * d;
        }
        return sum / (values.Length - 1);
    }
}
