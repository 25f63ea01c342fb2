using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class UnaryOpTests
{
    /// <summary>An elementwise op, the same function on one double, and points inside its domain away from kinks.</summary>
    public sealed record UnaryCase(string Name, Func<Tensor<double>, Tensor<double>> Op, Func<double, double> Reference, double[] Points)
    {
        public override string ToString() => Name;
    }

    private static readonly double[] Mixed = [-1.7, -0.4, 0.3, 1.1, 2.5];
    private static readonly double[] Positive = [0.2, 0.7, 1.3, 2.9, 4.1];
    private static readonly double[] AboveMinusOne = [-0.6, -0.1, 0.05, 0.9, 3.0];

    public static IEnumerable<UnaryCase> Cases() =>
    [
        new("log1p", t => t.Log1p(), x => Math.Log(1 + x), AboveMinusOne),
        new("expm1", t => t.Expm1(), x => Math.Exp(x) - 1, Mixed),
        new("sqrt", t => t.Sqrt(), Math.Sqrt, Positive),
        new("square", t => t.Square(), x => x * x, Mixed),
        new("abs", t => t.Abs(), Math.Abs, Mixed),
        new("sin", t => t.Sin(), Math.Sin, Mixed),
        new("cos", t => t.Cos(), Math.Cos, Mixed),
        new("tanh", t => t.Tanh(), Math.Tanh, Mixed),
        new("sigmoid", t => t.Sigmoid(), x => 1 / (1 + Math.Exp(-x)), Mixed),
        new("softplus", t => t.Softplus(), x => Math.Log(1 + Math.Exp(x)), Mixed),
        new("relu", t => t.Relu(), x => Math.Max(x, 0), Mixed),
        new("log-sigmoid", t => t.LogSigmoid(), x => -Math.Log(1 + Math.Exp(-x)), Mixed),
        new("reciprocal", t => t.Reciprocal(), x => 1 / x, Mixed),
        new("pow-scalar", t => t.Pow(2.5), x => Math.Pow(x, 2.5), Positive),
        new("pow-integer", t => t.Pow(3.0), x => x * x * x, Mixed),
        new("clamp", t => t.Clamp(-1.0, 1.5), x => Math.Clamp(x, -1.0, 1.5), Mixed),
    ];

    /// <summary>Cases with a nonzero second derivative, for the third-order check.</summary>
    public static IEnumerable<UnaryCase> SmoothCases() =>
        Cases().Where(c => c.Name is not ("abs" or "relu" or "clamp" or "square"));

    [TestCaseSource(nameof(Cases))]
    public void ValuesMatchTheScalarFunction(UnaryCase c)
    {
        var y = c.Op(Tensor.FromVector<double>(c.Points)).ToArray();
        for (int i = 0; i < y.Length; i++)
            Assert.That(y[i], Is.EqualTo(c.Reference(c.Points[i])).Within(1e-14 * Math.Max(1, Math.Abs(y[i]))), $"{c.Name}({c.Points[i]})");
    }

    [TestCaseSource(nameof(Cases))]
    public void DerivativesMatchFiniteDifferences(UnaryCase c) =>
        DerivativeCheck.Check(t => OpCheck.Readout(c.Op(t)), c.Points);

    [TestCaseSource(nameof(SmoothCases))]
    public void ThirdDerivativesMatchFiniteDifferences(UnaryCase c) =>
        OpCheck.CheckThirdOrder(t => OpCheck.Readout(c.Op(t)), c.Points);

    [Test]
    public void LongVectorsUseTheSimdPathAndItsTail()
    {
        // 37 elements: several Vector<double> blocks and a scalar tail, on each side of every kink.
        var x = new double[37];
        for (int i = 0; i < x.Length; i++) x[i] = -3.3 + 0.19 * i;
        foreach (var c in Cases().Where(c => c.Points != Positive && c.Points != AboveMinusOne))
        {
            var y = c.Op(Tensor.FromVector<double>(x)).ToArray();
            for (int i = 0; i < x.Length; i++)
                Assert.That(y[i], Is.EqualTo(c.Reference(x[i])).Within(1e-13 * Math.Max(1, Math.Abs(y[i]))), $"{c.Name}({x[i]})");
        }
        DerivativeCheck.Check(t => (t.Abs() * t.Relu().Tanh() + t.Clamp(-1, 1) + t.Softplus().Log1p()).Sum(), x);
    }

    [Test]
    public void Log1pAndExpm1KeepFullPrecisionNearZero()
    {
        double[] x = [1e-20, -3e-17, 1e-10, -2.5e-8, 1e-5];
        var log1p = Tensor.FromVector<double>(x).Log1p().ToArray();
        var expm1 = Tensor.FromVector<double>(x).Expm1().ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            // Taylor series to well below double precision for |x| ≤ 1e-5.
            double v = x[i];
            double log1pSeries = v - v * v / 2 + v * v * v / 3 - v * v * v * v / 4;
            double expm1Series = v + v * v / 2 + v * v * v / 6 + v * v * v * v / 24;
            Assert.That(log1p[i], Is.EqualTo(log1pSeries).Within(2e-16 * Math.Abs(log1pSeries)), $"log1p({v})");
            Assert.That(expm1[i], Is.EqualTo(expm1Series).Within(2e-16 * Math.Abs(expm1Series)), $"expm1({v})");
        }
    }

    [Test]
    public void Log1pAndExpm1LimitsFollowIeee()
    {
        var log1p = Tensor.FromVector(-1.0, -2.0, double.PositiveInfinity, double.NaN, 1e308).Log1p().ToArray();
        Assert.That(log1p[0], Is.EqualTo(double.NegativeInfinity));
        Assert.That(log1p[1], Is.NaN);
        Assert.That(log1p[2], Is.EqualTo(double.PositiveInfinity));
        Assert.That(log1p[3], Is.NaN);
        Assert.That(log1p[4], Is.EqualTo(Math.Log(1e308)).Within(1e-15).Percent);
        var expm1 = Tensor.FromVector(double.NegativeInfinity, -50.0, double.PositiveInfinity, 800.0, double.NaN).Expm1().ToArray();
        Assert.That(expm1[0], Is.EqualTo(-1.0));
        Assert.That(expm1[1], Is.EqualTo(-1.0));
        Assert.That(expm1[2], Is.EqualTo(double.PositiveInfinity));
        Assert.That(expm1[3], Is.EqualTo(double.PositiveInfinity));
        Assert.That(expm1[4], Is.NaN);
    }

    [Test]
    public void SoftplusAndLogSigmoidAreStableInTheTails()
    {
        double[] x = [-800, -700, -40, 40, 700, 800];
        var softplus = Tensor.FromVector<double>(x).Softplus().ToArray();
        var logSigmoid = Tensor.FromVector<double>(x).LogSigmoid().ToArray();
        // softplus(x) = x + log1p(e^−x) for large x, e^x(1 − e^x/2) for very negative x.
        Assert.That(softplus[0], Is.EqualTo(0.0));
        Assert.That(softplus[1], Is.EqualTo(Math.Exp(-700)).Within(1e-14).Percent);
        Assert.That(softplus[2], Is.EqualTo(Math.Exp(-40)).Within(1e-14).Percent);
        Assert.That(softplus[3], Is.EqualTo(40 + Math.Exp(-40)).Within(1e-14).Percent);
        Assert.That(softplus[4], Is.EqualTo(700.0));
        Assert.That(softplus[5], Is.EqualTo(800.0));
        Assert.That(logSigmoid[0], Is.EqualTo(-800.0));
        Assert.That(logSigmoid[2], Is.EqualTo(-40 - Math.Exp(-40)).Within(1e-14).Percent);
        Assert.That(logSigmoid[3], Is.EqualTo(-Math.Exp(-40)).Within(1e-14).Percent);
        Assert.That(logSigmoid[5], Is.EqualTo(0.0));
        var grad = Hmc.Native.Autodiff.Derivatives.Gradient<double>(t => t.Softplus().Sum() + t.LogSigmoid().Sum(), x);
        // σ(x) + σ(−x) = 1 everywhere, with no NaN from overflow.
        foreach (var g in grad) Assert.That(g, Is.EqualTo(1.0).Within(1e-15));
    }

    [Test]
    public void KinksUseTheDocumentedSubgradient()
    {
        double[] x = [0.0, -1.0, 1.5];
        var absGrad = Hmc.Native.Autodiff.Derivatives.Gradient<double>(t => t.Abs().Sum(), x);
        var reluGrad = Hmc.Native.Autodiff.Derivatives.Gradient<double>(t => t.Relu().Sum(), x);
        var clampGrad = Hmc.Native.Autodiff.Derivatives.Gradient<double>(t => t.Clamp(-1.0, 1.5).Sum(), [-1.0, 1.5, 2.0, -3.0]);
        Assert.That(absGrad, Is.EqualTo(new[] { 0.0, -1.0, 1.0 }));
        Assert.That(reluGrad, Is.EqualTo(new[] { 0.0, 0.0, 1.0 }));
        Assert.That(clampGrad, Is.EqualTo(new[] { 1.0, 1.0, 0.0, 0.0 }));
    }

    [Test]
    public void ClampRejectsInvertedOrNaNBounds()
    {
        var x = Tensor.FromVector(1.0, 2.0);
        var ex = Assert.Throws<ArgumentException>(() => x.Clamp(2.0, 1.0));
        Assert.That(ex!.Message, Does.Contain("min ≤ max").And.Contain("min = 2"));
        Assert.Throws<ArgumentException>(() => x.Clamp(double.NaN, 1.0));
    }
}
