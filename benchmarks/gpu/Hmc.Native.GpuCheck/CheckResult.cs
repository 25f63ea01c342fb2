namespace Hmc.Native.GpuCheck;

/// <summary>
/// Outcome of one kernel check: the largest absolute error, the largest relative error over reference values with
/// |e| &gt; 1e-6, and whether every element satisfied |a − e| ≤ atol + rtol·|e| (non-finite values must match exactly).
/// </summary>
internal sealed record CheckResult(string Kernel, double MaxAbsoluteError, double MaxRelativeError, double AbsoluteTolerance, double RelativeTolerance, bool Passed)
{
    public static CheckResult Compare(string kernel, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double absoluteTolerance, double relativeTolerance)
    {
        if (expected.Length != actual.Length)
        {
            return new(kernel, double.PositiveInfinity, double.PositiveInfinity, absoluteTolerance, relativeTolerance, false);
        }

        double maxAbsolute = 0;
        double maxRelative = 0;
        bool passed = true;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i];
            double a = actual[i];
            if (!double.IsFinite(e) || !double.IsFinite(a))
            {
                bool same = (double.IsNaN(e) && double.IsNaN(a)) || e.Equals(a);
                if (!same)
                {
                    passed = false;
                    maxAbsolute = double.PositiveInfinity;
                }

                continue;
            }

            double error = Math.Abs(a - e);
            maxAbsolute = Math.Max(maxAbsolute, error);
            if (Math.Abs(e) > 1e-6) maxRelative = Math.Max(maxRelative, error / Math.Abs(e));
            if (error > absoluteTolerance + (relativeTolerance * Math.Abs(e))) passed = false;
        }

        return new(kernel, maxAbsolute, maxRelative, absoluteTolerance, relativeTolerance, passed);
    }

    public static CheckResult CompareExact(string kernel, ReadOnlySpan<int> expected, ReadOnlySpan<int> actual)
    {
        bool passed = expected.SequenceEqual(actual);
        return new(kernel, passed ? 0 : double.PositiveInfinity, passed ? 0 : double.PositiveInfinity, 0, 0, passed);
    }
}
