using Hmc.Native.Diagnostics;

namespace Hmc.Native.Tests.Diagnostics;

public class AutocovarianceTests
{
    /// <summary>The definition, term by term: γ̂_t = (1/N) Σ_{i&lt;N−t} (x_i − x̄)(x_{i+t} − x̄).</summary>
    private static double[] Naive(double[] x)
    {
        int n = x.Length;
        double mean = x.Average();
        var result = new double[n];
        for (int t = 0; t < n; t++)
        {
            double sum = 0;
            for (int i = 0; i + t < n; i++) sum += (x[i] - mean) * (x[i + t] - mean);
            result[t] = sum / n;
        }
        return result;
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(64)]
    [TestCase(1000)]
    [TestCase(1025)]
    public void FftMatchesTheDefinition(int n)
    {
        var rng = new Random(n);
        var x = new double[n];
        double previous = 0;
        for (int i = 0; i < n; i++) x[i] = previous = 0.8 * previous + rng.NextDouble() - 0.5 + 3.0;
        var expected = Naive(x);
        var actual = Autocovariance.Compute(x);
        for (int t = 0; t < n; t++)
            Assert.That(actual[t], Is.EqualTo(expected[t]).Within(1e-12 * expected[0]), $"lag {t}");
    }

    [Test]
    public void LagZeroIsTheBiasedVariance()
    {
        double[] x = [1, 2, 3, 4];
        // mean 2.5, Σ(x − x̄)² = 5, so γ̂_0 = 5/4; γ̂_1 = (−1.5·−0.5 + −0.5·0.5 + 0.5·1.5)/4 = 1.25/4.
        var acov = Autocovariance.Compute(x);
        Assert.That(acov[0], Is.EqualTo(1.25).Within(1e-15));
        Assert.That(acov[1], Is.EqualTo(0.3125).Within(1e-15));
    }

    [Test]
    public void ConstantSeriesHasZeroAutocovariance()
    {
        Assert.That(Autocovariance.Compute([2.5, 2.5, 2.5]), Is.EqualTo(new[] { 0.0, 0.0, 0.0 }));
        Assert.That(Autocovariance.Compute([7.0]), Is.EqualTo(new[] { 0.0 }));
    }

    [Test]
    public void NonFiniteValueGivesNaN()
    {
        Assert.That(Autocovariance.Compute([1.0, double.NaN, 3.0]), Is.All.NaN);
        Assert.That(Autocovariance.Compute([1.0, double.PositiveInfinity, 3.0]), Is.All.NaN);
    }

    [Test]
    public void InvalidArgumentsThrow()
    {
        var empty = Assert.Throws<ArgumentException>(() => Autocovariance.Compute(ReadOnlySpan<double>.Empty));
        Assert.That(empty!.Message, Does.Contain("empty"));
        var length = Assert.Throws<ArgumentException>(() => Autocovariance.Compute([1.0, 2.0], new double[3]));
        Assert.That(length!.Message, Does.Contain("length"));
    }
}
