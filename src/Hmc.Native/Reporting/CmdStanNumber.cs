using System.Globalization;

namespace Hmc.Native.Reporting;

/// <summary>
/// Doubles as CmdStan's CSV files spell them: invariant culture, shortest round-trip digits, a lower-case
/// exponent, and <c>nan</c>, <c>inf</c>, <c>-inf</c> for the non-finite values.
/// </summary>
internal static class CmdStanNumber
{
    /// <summary>Enough room for any round-trip double ("-1.2345678901234567e-308" is 24 characters).</summary>
    public const int MaxLength = 32;

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> and returns the characters used.</summary>
    public static int Format(double value, Span<char> destination)
    {
        if (double.IsNaN(value)) return Copy("nan", destination);
        if (double.IsPositiveInfinity(value)) return Copy("inf", destination);
        if (double.IsNegativeInfinity(value)) return Copy("-inf", destination);
        if (!value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture))
            throw new ArgumentException("The destination is too small for a double.", nameof(destination));
        for (int i = 0; i < written; i++)
        {
            if (destination[i] == 'E') destination[i] = 'e';
        }
        return written;
    }

    /// <summary>Returns <paramref name="value"/> as text.</summary>
    public static string Format(double value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..Format(value, buffer)]);
    }

    /// <summary>
    /// Parses a CmdStan number: anything <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/>
    /// accepts in invariant culture, plus <c>nan</c>, <c>inf</c>, <c>+inf</c>, <c>-inf</c>, <c>infinity</c> in any case.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        bool negative = text.StartsWith("-");
        var unsigned = text.StartsWith("-") || text.StartsWith("+") ? text[1..] : text;
        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        value = 0;
        return false;
    }

    private static int Copy(string text, Span<char> destination)
    {
        text.AsSpan().CopyTo(destination);
        return text.Length;
    }
}
