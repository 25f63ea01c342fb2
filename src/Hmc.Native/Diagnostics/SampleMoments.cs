namespace Hmc.Native.Diagnostics;

/// <summary>Plain sample moments as R computes them (<c>mean</c>, <c>var</c>, <c>sd</c>).</summary>
internal static class SampleMoments
{
    /// <summary>
    /// The arithmetic mean (NaN when empty or when a value is NaN), refined by a second pass as R's <c>mean</c> does:
    /// m = Σx/n, then m + Σ(x − m)/n, which removes most of the first sum's rounding error, so that the mean of
    /// equal values is that value and their variance exactly 0.
    /// </summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        double mean = sum / values.Length;
        if (!double.IsFinite(mean)) return mean;
        double correction = 0;
        foreach (double v in values) correction += v - mean;
        return mean + correction / values.Length;
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
