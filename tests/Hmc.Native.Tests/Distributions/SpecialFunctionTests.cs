using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;
using MathNet.Numerics;

namespace Hmc.Native.Tests.Distributions;

public class SpecialFunctionTests
{
    private static readonly double[] Positive = [1e-8, 0.013, 0.1, 0.5, 0.99, 1, 1.4616321449683623, 1.5, 2, 2.5, 3.7, 9.99, 10, 10.01, 25.3, 171.5, 1e5, 1e10];
    private static readonly double[] Negative = [-0.5, -1.5, -2.3, -0.01, -10.7, -33.25];

    /// <summary>
    /// ψ⁽ⁿ⁾(x) = (−1)ⁿ⁺¹ n! Σₖ≥₀ 1/(x + k)ⁿ⁺¹ for n ≥ 1 (DLMF 5.15.1) summed directly to k = 2000, with the
    /// Euler–Maclaurin tail ∫ + f/2 − f′/12 + f‴/720: an independent reference that also holds for negative x.
    /// </summary>
    private static double PolygammaBySeries(int n, double x)
    {
        const int terms = 2000;
        double sum = 0;
        for (int k = terms - 1; k >= 0; k--) sum += Math.Pow(x + k, -(n + 1));
        double a = x + terms, m = n + 1;
        sum += Math.Pow(a, -n) / n + 0.5 * Math.Pow(a, -m) + m / 12 * Math.Pow(a, -m - 1) - m * (m + 1) * (m + 2) / 720 * Math.Pow(a, -m - 3);
        double factorial = 1;
        for (int j = 2; j <= n; j++) factorial *= j;
        return (n % 2 == 1 ? 1 : -1) * factorial * sum;
    }

    private static double[] Apply(Func<Tensor<double>, Tensor<double>> op, double[] x) => op(Tensor.FromVector<double>(x)).ToArray();

    [Test]
    public void LogGammaMatchesMathNet()
    {
        var y = Apply(t => t.LogGamma(), Positive);
        for (int i = 0; i < Positive.Length; i++)
        {
            double expected = SpecialFunctions.GammaLn(Positive[i]);
            Assert.That(y[i], Is.EqualTo(expected).Within(2e-14 * Math.Max(1, Math.Abs(expected))), $"lgamma({Positive[i]})");
        }
    }

    [Test]
    public void LogGammaOfNegativeArgumentsIsTheLogOfTheAbsoluteGamma()
    {
        var y = Apply(t => t.LogGamma(), Negative);
        for (int i = 0; i < Negative.Length; i++)
        {
            double expected = Math.Log(Math.Abs(SpecialFunctions.Gamma(Negative[i])));
            Assert.That(y[i], Is.EqualTo(expected).Within(1e-12 * Math.Max(1, Math.Abs(expected))), $"lgamma({Negative[i]})");
        }
    }

    [Test]
    public void LogGammaOfIntegersIsTheLogFactorial()
    {
        var y = Apply(t => t.LogGamma(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30]);
        double logFactorial = 0;
        int[] n = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30];
        for (int i = 0, k = 1; i < n.Length; i++)
        {
            for (; k < n[i]; k++) logFactorial += Math.Log(k);
            Assert.That(y[i], Is.EqualTo(logFactorial).Within(1e-14 * Math.Max(1, logFactorial)), $"lgamma({n[i]})");
        }
    }

    [Test]
    public void DigammaMatchesMathNet()
    {
        double[] x = [.. Positive, .. Negative];
        var y = Apply(t => t.Digamma(), x);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = SpecialFunctions.DiGamma(x[i]);
            double tolerance = x[i] == 1.4616321449683623 ? 1e-14 : 1e-12 * Math.Max(1, Math.Abs(expected));
            Assert.That(y[i], Is.EqualTo(expected).Within(tolerance), $"digamma({x[i]})");
        }
    }

    [Test]
    public void DigammaHasItsClosedForms()
    {
        const double eulerGamma = 0.57721566490153286061;
        var y = Apply(t => t.Digamma(), [1, 0.5, 4]);
        Assert.That(y[0], Is.EqualTo(-eulerGamma).Within(1e-15));
        Assert.That(y[1], Is.EqualTo(-eulerGamma - 2 * Math.Log(2)).Within(1e-15));
        Assert.That(y[2], Is.EqualTo(-eulerGamma + 1 + 0.5 + 1.0 / 3).Within(1e-15));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(6)]
    public void PolygammaMatchesItsSeries(int n)
    {
        double[] x = [0.05, 0.5, 1, 1.7, 3.2, 8, 15, 40, -0.5, -1.3, -2.75, -7.6];
        var y = Apply(t => t.Polygamma(n), x);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = PolygammaBySeries(n, x[i]);
            Assert.That(y[i], Is.EqualTo(expected).Within(1e-11 * Math.Max(1, Math.Abs(expected))), $"polygamma({n}, {x[i]})");
        }
    }

    [Test]
    public void TrigammaHasItsClosedForms()
    {
        var y = Apply(t => t.Polygamma(1), [1, 0.5, 0.25]);
        const double catalan = 0.91596559417721901505;
        Assert.That(y[0], Is.EqualTo(Math.PI * Math.PI / 6).Within(1e-15));
        Assert.That(y[1], Is.EqualTo(Math.PI * Math.PI / 2).Within(1e-14));
        Assert.That(y[2], Is.EqualTo(Math.PI * Math.PI + 8 * catalan).Within(1e-13));
        // ψ⁽¹⁾(x) + ψ⁽¹⁾(1 − x) = π²/sin²(πx).
        foreach (double x in new[] { 0.3, -1.7, 12.4 })
        {
            var pair = Apply(t => t.Polygamma(1), [x, 1 - x]);
            double s = Math.Sin(Math.PI * x);
            Assert.That(pair[0] + pair[1], Is.EqualTo(Math.PI * Math.PI / (s * s)).Within(1e-12 * Math.PI * Math.PI / (s * s)), $"reflection at {x}");
        }
    }

    [Test]
    public void PolygammaOfOrderZeroIsDigamma() =>
        Assert.That(Apply(t => t.Polygamma(0), Positive), Is.EqualTo(Apply(t => t.Digamma(), Positive)));

    [Test]
    public void PolesAndInfinitiesFollowTheDocumentedConventions()
    {
        double inf = double.PositiveInfinity, nan = double.NaN;
        Assert.That(Apply(t => t.LogGamma(), [0, -0.0, -1, -2, inf, double.NegativeInfinity, nan]), Is.EqualTo(new[] { inf, inf, inf, inf, inf, inf, nan }));
        Assert.That(Apply(t => t.Digamma(), [0, -0.0, -1, inf, double.NegativeInfinity, nan]), Is.EqualTo(new[] { double.NegativeInfinity, inf, nan, inf, nan, nan }));
        Assert.That(Apply(t => t.Polygamma(1), [0, -3, inf, nan]), Is.EqualTo(new[] { inf, inf, 0, nan }));
        Assert.That(Apply(t => t.Polygamma(2), [0, -3, inf]), Is.EqualTo(new[] { nan, nan, 0 }));
    }

    [Test]
    public void SinglePrecisionIsTheRoundedDoubleResult()
    {
        float[] x = [0.3f, 1.5f, 4.2f, 17f, -2.5f];
        var single = Tensor.FromVector<float>(x);
        var asDouble = Tensor.FromVector<double>(x.Select(v => (double)v).ToArray());
        Assert.That(single.LogGamma().ToArray(), Is.EqualTo(asDouble.LogGamma().ToArray().Select(v => (float)v).ToArray()));
        Assert.That(single.Digamma().ToArray(), Is.EqualTo(asDouble.Digamma().ToArray().Select(v => (float)v).ToArray()));
        Assert.That(single.Polygamma(1).ToArray(), Is.EqualTo(asDouble.Polygamma(1).ToArray().Select(v => (float)v).ToArray()));
    }

    public static IEnumerable<TestCaseData> Functions()
    {
        double[] positive = [0.3, 1.2, 2.7, 6.5, 14.0];
        double[] mixed = [-2.4, -0.6, 0.45, 3.3, 11.0];
        yield return new TestCaseData(new Func<Tensor<double>, Tensor<double>>(t => t.LogGamma()), positive).SetArgDisplayNames("log-gamma", "positive");
        yield return new TestCaseData(new Func<Tensor<double>, Tensor<double>>(t => t.LogGamma()), mixed).SetArgDisplayNames("log-gamma", "mixed");
        yield return new TestCaseData(new Func<Tensor<double>, Tensor<double>>(t => t.Digamma()), positive).SetArgDisplayNames("digamma", "positive");
        yield return new TestCaseData(new Func<Tensor<double>, Tensor<double>>(t => t.Digamma()), mixed).SetArgDisplayNames("digamma", "mixed");
        yield return new TestCaseData(new Func<Tensor<double>, Tensor<double>>(t => t.Polygamma(1)), positive).SetArgDisplayNames("trigamma", "positive");
        yield return new TestCaseData(new Func<Tensor<double>, Tensor<double>>(t => t.Polygamma(2)), mixed).SetArgDisplayNames("tetragamma", "mixed");
    }

    [TestCaseSource(nameof(Functions))]
    public void DerivativesMatchFiniteDifferences(Func<Tensor<double>, Tensor<double>> op, double[] x) =>
        DerivativeCheck.Check(t => OpCheck.Readout(op(t)), x);

    [TestCaseSource(nameof(Functions))]
    public void ThirdDerivativesMatchFiniteDifferences(Func<Tensor<double>, Tensor<double>> op, double[] x) =>
        OpCheck.CheckThirdOrder(t => OpCheck.Readout(op(t)), x);

    [Test]
    public void OrdersOutsideTheSupportedRangeThrow()
    {
        var x = Tensor.FromVector(1.5);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.Polygamma(-1));
        Assert.That(e!.Message, Does.Contain("polygamma").And.Contain(PolygammaOp.MaxOrder.ToString()));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Polygamma(PolygammaOp.MaxOrder + 1));
    }

    [Test]
    public void TheDerivativeOfTheHighestOrderIsNotSupported()
    {
        var e = Assert.Throws<NotSupportedException>(() => Derivatives.Gradient(t => t.Polygamma(PolygammaOp.MaxOrder).Sum(), [2.0]));
        Assert.That(e!.Message, Does.Contain("polygamma").And.Contain((PolygammaOp.MaxOrder + 1).ToString()));
        Assert.Throws<NotSupportedException>(() => Derivatives.Hessian(t => t.Polygamma(PolygammaOp.MaxOrder - 1).Sum(), [2.0]));
    }

    [Test]
    public void AnyTensorShapeIsMappedElementwise()
    {
        var x = Tensor.FromSpan<double>([0.5, 1.5, 2.5, 3.5, 4.5, 5.5], new Shape(2, 3));
        var y = x.LogGamma();
        Assert.That(y.Shape, Is.EqualTo(x.Shape));
        Assert.That(y.ToArray()[4], Is.EqualTo(SpecialFunctions.GammaLn(4.5)).Within(1e-14));
    }
}
