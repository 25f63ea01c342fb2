namespace Hmc.Native.Tests.Ops;

/// <summary>The textbook triple loop, kept as the oracle for the blocked SIMD matrix product (DESIGN.md principle 9).</summary>
public static class NaiveMatMul
{
    /// <summary>C = A·B for row-major A (m×k) and B (k×n).</summary>
    public static double[] Multiply(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
        return c;
    }

    /// <summary>The transpose of a row-major rows×columns matrix.</summary>
    public static double[] Transpose(double[] a, int rows, int columns)
    {
        var t = new double[a.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) t[j * rows + i] = a[i * columns + j];
        return t;
    }

    /// <summary>Uniform(−1, 1) values from a fixed seed.</summary>
    public static double[] Random(int length, int seed)
    {
        var rng = new Random(seed);
        var x = new double[length];
        for (int i = 0; i < length; i++) x[i] = 2 * rng.NextDouble() - 1;
        return x;
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance·(1 + |expected|) elementwise.</summary>
    public static void AssertClose(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double tolerance, string what)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), what + " length");
        for (int i = 0; i < actual.Length; i++)
            Assert.That(Math.Abs(actual[i] - expected[i]), Is.LessThanOrEqualTo(tolerance * (1 + Math.Abs(expected[i]))),
                $"{what}[{i}]: {actual[i]} vs {expected[i]}");
    }
}
