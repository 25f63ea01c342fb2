using Hmc.Native.Autodiff;
using Hmc.Native.Distributions;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using static Hmc.Native.Tests.Distributions.DistributionCheck;
using MathNetCategorical = MathNet.Numerics.Distributions.Categorical;

namespace Hmc.Native.Tests.Distributions;

public class CategoricalTests
{
    /// <summary>Two rows of four class probabilities (batch shape [2]).</summary>
    private static readonly double[] Probs = [0.1, 0.2, 0.3, 0.4, 0.25, 0.05, 0.5, 0.2];

    /// <summary>Two rows of four logits.</summary>
    private static readonly double[] Logits = [0.3, -1.0, 2.2, 0.0, -0.5, 1.5, 0.1, -2.0];

    /// <summary>Class indices of shape [3, 1], broadcasting with the batch [2] to [3, 2].</summary>
    private static readonly Arg Classes = new([0, 2, 3], Shape.Matrix(3, 1));

    private static Tensor<double> Rows(double[] values) => Tensor.FromSpan<double>(values, Shape.Matrix(2, 4));

    private static double[] Softmax(ReadOnlySpan<double> row)
    {
        double max = row.ToArray().Max();
        var e = row.ToArray().Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private static void AssertMatchesMathNet(Categorical<double> dist, Func<int, double[]> row)
    {
        Assert.That(dist.BatchShape, Is.EqualTo(Shape.Vector(2)));
        Assert.That(dist.ClassCount, Is.EqualTo(4));
        var logProb = dist.LogProb(Classes.Constant());
        Assert.That(logProb.Shape, Is.EqualTo(Shape.Matrix(3, 2)));
        var actual = logProb.ToArray();
        for (int i = 0; i < 3; i++)
            for (int b = 0; b < 2; b++)
            {
                double expected = MathNetCategorical.PMFLn(row(b), (int)Classes.Values[i]);
                Assert.That(actual[i * 2 + b], Is.EqualTo(expected).Within(1e-13), $"class {Classes.Values[i]}, row {b}");
            }
    }

    [Test]
    public void ProbabilitiesMatchMathNet() =>
        AssertMatchesMathNet(Categorical<double>.FromProbs(Rows(Probs)), b => Probs[(4 * b)..(4 * b + 4)]);

    [Test]
    public void LogitsMatchMathNetOnTheirSoftmax() =>
        AssertMatchesMathNet(Categorical<double>.FromLogits(Rows(Logits)), b => Softmax(Logits.AsSpan(4 * b, 4)));

    [Test]
    public void DerivativesInTheLogitsMatchFiniteDifferences() =>
        CheckDerivatives(p => Categorical<double>.FromLogits(p[0]), [new Arg(Logits, Shape.Matrix(2, 4))], Classes, differentiateValue: false);

    [Test]
    public void DerivativesInTheProbabilitiesMatchFiniteDifferences() =>
        // Probabilities that stay on the simplex under every perturbation: the softmax of free coordinates.
        CheckDerivatives(p => Categorical<double>.FromProbs(p[0].Softmax(-1)), [new Arg(Logits, Shape.Matrix(2, 4))], Classes, differentiateValue: false);

    [Test]
    public void AZeroProbabilityElsewhereInTheRowLeavesTheGradientFinite()
    {
        double[] probs = [0.5, 0, 0.5, 0];
        var gradient = Derivatives.Gradient(p => Categorical<double>.FromProbs(p).LogProb(Tensor.FromVector(0.0, 2.0)).Sum(), probs);
        // ∂/∂pⱼ [ln p₀ + ln p₂ − 2 ln Σp] = [j ∈ {0, 2}]/pⱼ − 2/Σp.
        Assert.That(gradient, Is.EqualTo(new[] { 0.0, -2.0, 0.0, -2.0 }).Within(1e-14));
        var zero = Categorical<double>.FromProbs(Tensor.FromVector(probs)).LogProb(Tensor.Scalar(1.0)).ToScalar();
        Assert.That(zero, Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void ValuesThatAreNotClassIndicesHaveLogMassMinusInfinity()
    {
        foreach (var dist in new[] { Categorical<double>.FromProbs(Rows(Probs)), Categorical<double>.FromLogits(Rows(Logits)) })
        {
            var logProb = dist.LogProb(Tensor.FromSpan<double>([-1, 4, 1.5, double.PositiveInfinity], Shape.Matrix(4, 1))).ToArray();
            Assert.That(logProb, Is.All.EqualTo(double.NegativeInfinity));
            Assert.That(dist.LogProb(Tensor.Scalar(double.NaN)).ToArray(), Is.All.NaN);
        }
    }

    [Test]
    public void ValuesOutsideTheSupportAddNothingToTheGradient()
    {
        double[] GradientAt(double[] classes, bool probs) => Derivatives.Gradient(p =>
        {
            var dist = probs ? Categorical<double>.FromProbs(p.Softmax(-1)) : Categorical<double>.FromLogits(p);
            return dist.LogProb(Tensor.FromVector(classes)).Sum();
        }, Logits[..4]);
        foreach (bool probs in new[] { true, false })
        {
            var mixed = GradientAt([2, -1, 7, 0.5], probs);
            Assert.That(mixed, Is.All.Not.NaN);
            Assert.That(mixed, Is.EqualTo(GradientAt([2], probs)).Within(1e-15));
        }
    }

    public static IEnumerable<TestCaseData> InvalidParameters()
    {
        Func<Tensor<double>[], Distribution<double>> probs = p => Categorical<double>.FromProbs(p[0]);
        Func<Tensor<double>[], Distribution<double>> logits = p => Categorical<double>.FromLogits(p[0]);
        yield return new TestCaseData(probs, Arg.Vector(0.5, 0.6), "probs", "must sum to 1").SetArgDisplayNames("row not summing to 1");
        yield return new TestCaseData(probs, Arg.Vector(1.5, -0.5), "probs", "must be a probability").SetArgDisplayNames("probability outside [0, 1]");
        yield return new TestCaseData(logits, Arg.Vector(0, double.NaN), "logits", "must be finite").SetArgDisplayNames("NaN logit");
    }

    [TestCaseSource(nameof(InvalidParameters))]
    public void InvalidParametersThrowAsConstantsAndGiveMinusInfinityOnATape(Func<Tensor<double>[], Distribution<double>> make, Arg parameter,
        string name, string requirement) =>
        ThrowsForConstantsAndRejectsOnATape(make, [parameter], Arg.Scalar(1), "Categorical", name, requirement);

    public static IEnumerable<TestCaseData> InvalidShapes()
    {
        Func<Tensor<double>[], Distribution<double>> probs = p => Categorical<double>.FromProbs(p[0]);
        yield return new TestCaseData(probs, Arg.Scalar(1), "probs").SetArgDisplayNames("no class axis");
        yield return new TestCaseData(probs, new Arg([], Shape.Matrix(2, 0)), "probs").SetArgDisplayNames("no class");
    }

    [TestCaseSource(nameof(InvalidShapes))]
    public void ParametersOfTheWrongShapeThrowInEveryMode(Func<Tensor<double>[], Distribution<double>> make, Arg parameter, string name) =>
        ThrowsInEveryMode(make, [parameter], "Categorical", name);

    [Test]
    public void ValuesThatDoNotBroadcastThrowAShapeMismatch()
    {
        var dist = Categorical<double>.FromLogits(Rows(Logits));
        var e = Assert.Throws<ShapeMismatchException>(() => dist.LogProb(Tensor.FromVector(0.0, 1.0, 2.0)));
        Assert.That(e!.Message, Does.Contain("Categorical").And.Contain("[3]").And.Contain("[2]"));
    }

    [Test]
    public void TheTapeGivesTheEagerValues()
    {
        var eager = Categorical<double>.FromLogits(Rows(Logits)).LogProb(Classes.Constant()).ToArray();
        var tape = new Tape<double>();
        var recorded = Categorical<double>.FromLogits(tape.Variable(Logits, Shape.Matrix(2, 4))).LogProb(tape.Constant(Classes.Values, Classes.Shape));
        Assert.That(recorded.IsOnTape, Is.True);
        Assert.That(recorded.ToArray(), Is.EqualTo(eager).Within(1e-15));
    }
}
