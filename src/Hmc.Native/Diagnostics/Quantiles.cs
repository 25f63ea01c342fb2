namespace Hmc.Native.Diagnostics;

/// <summary>
/// Sample quantiles by R's default definition (Hyndman &amp; Fan 1996, type 7): with sorted values
/// x_(1) ≤ … ≤ x_(n), h = 1 + (n − 1)p, the p-quantile is x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌈h⌉) − x_(⌊h⌋)).
/// </summary>
public static class Quantiles
{
    /// <summary>The type-7 <paramref name="probability"/>-quantile of values already sorted ascending.</summary>
    /// <remarks>
    /// Evaluated as R does, (1 − h)·x_lo + h·x_hi, and only when x_hi ≠ x_lo. Returns NaN when a value is NaN.
    /// </remarks>
    /// <exception cref="ArgumentException">No values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The probability is outside [0, 1].</exception>
    public static double Type7Sorted(ReadOnlySpan<double> sorted, double probability)
    {
        if (sorted.IsEmpty)
            throw new ArgumentException("A quantile needs at least one value.", nameof(sorted));
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability must lie in [0, 1].");
        foreach (double v in sorted)
        {
            if (double.IsNaN(v)) return double.NaN;
        }
        double index = (sorted.Length - 1) * probability;
        int lo = (int)Math.Floor(index);
        int hi = (int)Math.Ceiling(index);
        double q = sorted[lo];
        double h = index - lo;
        if (index > lo && sorted[hi] != q) q = (1 - h) * q + h * sorted[hi];
        return q;
    }

    /// <summary>The type-7 <paramref name="probability"/>-quantile of unsorted values (sorts a copy).</summary>
    /// <remarks>Returns NaN when a value is NaN.</remarks>
    /// <exception cref="ArgumentException">No values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The probability is outside [0, 1].</exception>
    public static double Type7(ReadOnlySpan<double> values, double probability)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return Type7Sorted(sorted, probability);
    }
}
