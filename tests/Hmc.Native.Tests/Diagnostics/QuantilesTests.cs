using Hmc.Native.Diagnostics;

namespace Hmc.Native.Tests.Diagnostics;

public class QuantilesTests
{
    [TestCase(0.05, 1.2)] // h = 1 + 4·0.05 = 1.2: x(1) + 0.2·(x(2) − x(1))
    [TestCase(0.5, 3.0)]
    [TestCase(0.95, 8.8)] // h = 4.8: 0.2·4 + 0.8·10
    [TestCase(0.0, 1.0)]
    [TestCase(1.0, 10.0)]
    public void MatchesRType7(double p, double expected)
    {
        Assert.That(Quantiles.Type7([10.0, 1.0, 4.0, 3.0, 2.0], p), Is.EqualTo(expected).Within(1e-14));
    }

    [Test]
    public void SingleValueIsEveryQuantile() => Assert.That(Quantiles.Type7([4.5], 0.3), Is.EqualTo(4.5));

    [Test]
    public void NaNValueGivesNaN() => Assert.That(Quantiles.Type7([1.0, double.NaN], 0.5), Is.NaN);

    [Test]
    public void InvalidArgumentsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Type7([1.0], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Type7([1.0], double.NaN));
        var ex = Assert.Throws<ArgumentException>(() => Quantiles.Type7(ReadOnlySpan<double>.Empty, 0.5));
        Assert.That(ex!.Message, Does.Contain("at least one value"));
    }
}
