namespace Hmc.Native.Diagnostics;

/// <summary>
/// The checks after which posterior's diagnostics return NA (its internal <c>should_return_NA()</c>);
/// here they return NaN.
/// </summary>
internal static class DrawChecks
{
    /// <summary>Machine epsilon for doubles, 2^−52 (R's <c>.Machine$double.eps</c>).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// True when a value is NaN or infinite, or when the values are constant: max − min below
    /// machine epsilon (an absolute tolerance, as posterior's <c>is_constant()</c>).
    /// </summary>
    public static bool ShouldReturnNaN(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) return true;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return Math.Abs(max - min) < MachineEpsilon;
    }

    /// <summary>True when any value is NaN or infinite.</summary>
    public static bool HasNonFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) return true;
        }
        return false;
    }
}
