using Hmc.Native.Autodiff;
using Hmc.Native.Distributions;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using MathNet.Numerics;
using static Hmc.Native.Tests.Distributions.DistributionCheck;

namespace Hmc.Native.Tests.Distributions;

public class SimplexAndCorrelationTests
{
    // ---- Dirichlet ----

    private static readonly Arg Alpha = new([0.7, 2.0, 3.5, 1.2, 0.9, 4.0], Shape.Matrix(2, 3));
    private static readonly Arg Points = new([0.2, 0.3, 0.5, 0.6, 0.1, 0.3], Shape.Matrix(2, 3));

    [Test]
    public void DirichletMatchesMathNet()
    {
        var logProb = new Dirichlet<double>(Alpha.Constant()).LogProb(Points.Constant()).ToArray();
        for (int b = 0; b < 2; b++)
        {
            var reference = new MathNet.Numerics.Distributions.Dirichlet(Alpha.Values[(3 * b)..(3 * b + 3)]);
            Assert.That(logProb[b], Is.EqualTo(reference.DensityLn(Points.Values[(3 * b)..(3 * b + 3)])).Within(1e-12));
        }
    }

    [Test]
    public void DirichletDerivativesMatchFiniteDifferences()
    {
        // A perturbed value leaves the simplex, so the value's gradient is checked against its closed form (αₖ − 1)/xₖ.
        CheckDerivatives(p => new Dirichlet<double>(p[0]), [Alpha], Points, differentiateValue: false);
        var dist = new Dirichlet<double>(Alpha.Constant());
        var gradient = Derivatives.Gradient(t => dist.LogProb(t.Reshape(Points.Shape)).Sum(), Points.Values);
        Assert.That(gradient, Is.EqualTo(Alpha.Values.Zip(Points.Values, (a, x) => (a - 1) / x)).Within(1e-12));
    }

    [Test]
    public void DirichletValuesOffTheSimplexGiveMinusInfinity()
    {
        var dist = new Dirichlet<double>(Tensor.FromVector(1.5, 2.0, 2.5));
        var logProb = dist.LogProb(Tensor.FromSpan<double>([0.2, 0.3, 0.4, -0.1, 0.6, 0.5, 0.0, 0.5, 0.5, double.NaN, 0.5, 0.5], Shape.Matrix(4, 3))).ToArray();
        Assert.That(logProb[..3], Is.All.EqualTo(double.NegativeInfinity));
        Assert.That(logProb[3], Is.NaN);
    }

    [Test]
    public void DirichletConcentrationsThrowAsConstantsAndGiveMinusInfinityOnATape()
    {
        ThrowsForConstantsAndRejectsOnATape(p => new Dirichlet<double>(p[0]), [Arg.Vector(1, 0, 2)], Arg.Vector(0.2, 0.3, 0.5),
            "Dirichlet", "concentration", "must be positive and finite");
        ThrowsInEveryMode(p => new Dirichlet<double>(p[0]), [Arg.Scalar(1)], "Dirichlet", "concentration");
    }

    // ---- LKJ on Cholesky factors ----

    /// <summary>The Cholesky factor of the 2×2 correlation matrix with off-diagonal r.</summary>
    private static Tensor<double> Factor2(double r) => Tensor.FromSpan<double>([1, 0, r, Math.Sqrt(1 - r * r)], Shape.Matrix(2, 2));

    [TestCase(0.5)]
    [TestCase(1.0)]
    [TestCase(3.0)]
    public void LkjOfOrderTwoIsTheDensityOfTheCorrelation(double eta)
    {
        // r = 2u − 1 with u ~ Beta(η, η): p(r) = Beta(η, η).PDF((r + 1)/2) / 2 ∝ (1 − r²)^(η − 1).
        var dist = new LkjCholesky<double>(2, Tensor.Scalar(eta));
        foreach (double r in new[] { -0.8, 0.1, 0.6 })
        {
            double expected = MathNet.Numerics.Distributions.Beta.PDFLn(eta, eta, (r + 1) / 2) - Math.Log(2);
            Assert.That(dist.LogProb(Factor2(r)).ToScalar(), Is.EqualTo(expected).Within(1e-12), $"r = {r}");
        }
    }

    [TestCase(1.0)]
    [TestCase(2.5)]
    public void LkjOfOrderThreeIntegratesToOne(double eta)
    {
        // ∫ det(R)^(η−1) dR over 3×3 correlation matrices: with R's off-diagonals a, b and c = ab + u·h,
        // h = √((1 − a²)(1 − b²)), det R = h²(1 − u²), so the integral is I(η − 1)·I(η − ½)² with I(p) = ∫₋₁¹ (1 − t²)^p dt.
        // (At η = 1 it is π²/2, the volume of the 3×3 elliptope.) The density of the identity factor is c_3(η).
        static double I(double p) => Integrate.DoubleExponential(t => Math.Pow(1 - t * t, p), -1, 1, 1e-13);
        double volume = I(eta - 1) * I(eta - 0.5) * I(eta - 0.5);
        if (eta == 1.0) Assert.That(volume, Is.EqualTo(Math.PI * Math.PI / 2).Within(1e-10));
        var dist = new LkjCholesky<double>(3, Tensor.Scalar(eta));
        Assert.That(dist.LogProb(Tensor.Identity<double>(3)).ToScalar(), Is.EqualTo(-Math.Log(volume)).Within(1e-9));
    }

    /// <summary>The Cholesky factor of a 3×3 correlation matrix, from the unit rows [1], [a, √(1 − a²)], [b, c, √(1 − b² − c²)].</summary>
    private static double[] Factor3(double a, double b, double c) => [1, 0, 0, a, Math.Sqrt(1 - a * a), 0, b, c, Math.Sqrt(1 - b * b - c * c)];

    [Test]
    public void LkjOfOrderThreeFollowsStansKernel()
    {
        // ln p(L) − ln p(I) = Σ_{k=2..3} (3 − k + 2η − 2) ln L_kk.
        double eta = 1.7;
        var l = Factor3(0.3, -0.2, 0.5);
        var dist = new LkjCholesky<double>(3, Tensor.Scalar(eta));
        double kernel = (1 + 2 * eta - 2) * Math.Log(l[4]) + (2 * eta - 2) * Math.Log(l[8]);
        double difference = dist.LogProb(Tensor.FromSpan<double>(l, Shape.Matrix(3, 3))).ToScalar() - dist.LogProb(Tensor.Identity<double>(3)).ToScalar();
        Assert.That(difference, Is.EqualTo(kernel).Within(1e-12));
    }

    [Test]
    public void LkjDerivativesInEtaMatchFiniteDifferences()
    {
        // L is kept a correlation factor by building it from free coordinates; η is differentiated too.
        CheckDerivatives(p => new LkjCholesky<double>(3, p[0]), [Arg.Scalar(1.7)], new Arg(Factor3(0.3, -0.2, 0.5), Shape.Matrix(3, 3)).Fixed(), differentiateValue: false);
        var gradient = Derivatives.Gradient(t =>
        {
            var row2 = TensorOps.Concat([t[0..1], (1.0 - t[0..1] * t[0..1]).Sqrt(), t[0..1] * 0.0], 0);
            var row3 = TensorOps.Concat([t[1..3], (1.0 - (t[1..3] * t[1..3]).Sum().Reshape(1)).Sqrt()], 0);
            var l = TensorOps.Stack([Tensor.FromVector(1.0, 0.0, 0.0), row2, row3], 0);
            return new LkjCholesky<double>(3, Tensor.Scalar(1.7)).LogProb(l);
        }, [0.3, -0.2, 0.5]);
        // ∂/∂a of (1 + 2η − 2)·½ ln(1 − a²) and ∂/∂(b, c) of (2η − 2)·½ ln(1 − b² − c²).
        double eta = 1.7, a = 0.3, b = -0.2, c = 0.5;
        Assert.That(gradient, Is.EqualTo(new[] { -(2 * eta - 1) * a / (1 - a * a), -(2 * eta - 2) * b / (1 - b * b - c * c), -(2 * eta - 2) * c / (1 - b * b - c * c) }).Within(1e-10));
    }

    [Test]
    public void LkjValuesThatAreNotCorrelationFactorsGiveMinusInfinity()
    {
        var dist = new LkjCholesky<double>(2, Tensor.Scalar(2.0));
        var values = Tensor.FromSpan<double>([1, 0.1, 0, 1, 1, 0, 0.5, -0.866, 1, 0, 0.5, 0.5, 1, 0, double.NaN, 1], new Shape(4, 2, 2));
        var logProb = dist.LogProb(values).ToArray();
        Assert.That(logProb[..3], Is.All.EqualTo(double.NegativeInfinity));
        Assert.That(logProb[3], Is.NaN);
    }

    [Test]
    public void LkjConcentrationThrowsAsAConstantAndGivesMinusInfinityOnATape()
    {
        ThrowsForConstantsAndRejectsOnATape(p => new LkjCholesky<double>(2, p[0]), [Arg.Scalar(-1)], new Arg([1, 0, 0.5, Math.Sqrt(0.75)], Shape.Matrix(2, 2)),
            "LkjCholesky", "concentration", "must be positive and finite");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LkjCholesky<double>(0, Tensor.Scalar(1.0)));
        Assert.That(e!.Message, Does.Contain("LkjCholesky: 'dimension'"));
    }
}
