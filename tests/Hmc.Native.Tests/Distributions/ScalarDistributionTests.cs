using Hmc.Native.Autodiff;
using Hmc.Native.Distributions;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using MathNet.Numerics.Distributions;
using static Hmc.Native.Tests.Distributions.DistributionCheck;

namespace Hmc.Native.Tests.Distributions;

public class ScalarDistributionTests
{
    /// <summary>An invalid set of parameters and the parameter its message must name.</summary>
    public sealed record Invalid(Arg[] Parameters, string Parameter);

    /// <summary>
    /// A distribution with one value per batch element: how to build it, parameters and inside-support values whose
    /// shapes broadcast to a matrix, the MathNet (or closed-form) reference, values outside the support, and invalid
    /// parameter sets.
    /// </summary>
    public sealed record ScalarCase(
        string Name,
        Func<Tensor<double>[], Distribution<double>> Make,
        Arg[] Parameters,
        Arg Value,
        Func<double[], double, double> Reference,
        bool ContinuousValue,
        double[] Outside,
        Invalid[] InvalidParameters)
    {
        public override string ToString() => Name;

        /// <summary>The first element of each parameter as a scalar.</summary>
        public Arg[] ScalarParameters => Parameters.Select(p => Arg.Scalar(p.Values[0]) with { Differentiable = p.Differentiable }).ToArray();
    }

    private static readonly double Ln2 = Math.Log(2);

    private static double Sigmoid(double l) => 1 / (1 + Math.Exp(-l));

    public static IEnumerable<ScalarCase> Cases() =>
    [
        new("Normal", p => new Normal<double>(p[0], p[1]),
            [Arg.Vector(0.3, -1.2, 2.0), Arg.Column(0.7, 1.9)], Arg.Vector(0.1, -0.5, 3.1),
            (p, x) => Normal.PDFLn(p[0], p[1], x), true,
            [double.PositiveInfinity, double.NegativeInfinity],
            [new([Arg.Scalar(0), Arg.Scalar(0)], "scale"), new([Arg.Scalar(0), Arg.Scalar(-1)], "scale"),
             new([Arg.Scalar(double.NaN), Arg.Scalar(1)], "loc"), new([Arg.Scalar(0), Arg.Scalar(double.PositiveInfinity)], "scale")]),
        new("LogNormal", p => new LogNormal<double>(p[0], p[1]),
            [Arg.Vector(0.2, -0.4, 1.0), Arg.Column(0.5, 1.3)], Arg.Vector(0.6, 1.7, 2.9),
            (p, x) => LogNormal.PDFLn(p[0], p[1], x), true,
            [0, -1, double.NegativeInfinity],
            [new([Arg.Scalar(0), Arg.Scalar(-0.5)], "scale"), new([Arg.Scalar(double.PositiveInfinity), Arg.Scalar(1)], "loc")]),
        new("HalfNormal", p => new HalfNormal<double>(p[0]),
            [Arg.Vector(0.5, 1.0, 2.2)], new([0.3, 1.2, 0.8, 2.0, 0.1, 3.3], Shape.Matrix(2, 3)),
            (p, x) => Ln2 + Normal.PDFLn(0, p[0], x), true,
            [-0.1, double.NegativeInfinity],
            [new([Arg.Scalar(0)], "scale"), new([Arg.Vector(1, double.NaN)], "scale")]),
        new("HalfCauchy", p => new HalfCauchy<double>(p[0]),
            [Arg.Vector(0.5, 1.0, 2.2)], new([0.3, 1.2, 0.8, 2.0, 0.1, 3.3], Shape.Matrix(2, 3)),
            (p, x) => Ln2 + Cauchy.PDFLn(0, p[0], x), true,
            [-0.1, -7],
            [new([Arg.Scalar(-2)], "scale")]),
        new("Cauchy", p => new Cauchy<double>(p[0], p[1]),
            [Arg.Vector(0.3, -1.2, 2.0), Arg.Column(0.7, 1.9)], Arg.Vector(0.1, -0.5, 3.1),
            (p, x) => Cauchy.PDFLn(p[0], p[1], x), true,
            [double.PositiveInfinity],
            [new([Arg.Scalar(0), Arg.Scalar(0)], "scale"), new([Arg.Scalar(double.NegativeInfinity), Arg.Scalar(1)], "loc")]),
        new("StudentT", p => new StudentT<double>(p[0], p[1], p[2]),
            [Arg.Vector(1.5, 4.0, 12.0), Arg.Scalar(0.3), Arg.Column(0.8, 2.0)], Arg.Vector(0.1, -0.9, 3.1),
            (p, x) => StudentT.PDFLn(p[1], p[2], p[0], x), true,
            [double.NegativeInfinity],
            [new([Arg.Scalar(0), Arg.Scalar(0), Arg.Scalar(1)], "df"), new([Arg.Scalar(3), Arg.Scalar(0), Arg.Scalar(-1)], "scale"),
             new([Arg.Scalar(3), Arg.Scalar(double.NaN), Arg.Scalar(1)], "loc")]),
        new("Laplace", p => new Laplace<double>(p[0], p[1]),
            [Arg.Vector(0.3, -1.2, 2.0), Arg.Column(0.7, 1.9)], Arg.Vector(0.1, -0.5, 3.1),
            (p, x) => Laplace.PDFLn(p[0], p[1], x), true,
            [double.PositiveInfinity, double.NegativeInfinity],
            [new([Arg.Scalar(0), Arg.Scalar(0)], "scale")]),
        new("Gamma", p => new Gamma<double>(p[0], p[1]),
            [Arg.Vector(0.7, 2.5, 6.0), Arg.Column(0.5, 3.0)], Arg.Vector(0.4, 1.3, 2.8),
            (p, x) => Gamma.PDFLn(p[0], p[1], x), true,
            [0, -2, double.NegativeInfinity],
            [new([Arg.Scalar(0), Arg.Scalar(1)], "concentration"), new([Arg.Scalar(1), Arg.Scalar(-1)], "rate")]),
        new("InverseGamma", p => new InverseGamma<double>(p[0], p[1]),
            [Arg.Vector(0.7, 2.5, 6.0), Arg.Column(0.5, 3.0)], Arg.Vector(0.4, 1.3, 2.8),
            (p, x) => InverseGamma.PDFLn(p[0], p[1], x), true,
            [0, -2],
            [new([Arg.Scalar(-1), Arg.Scalar(1)], "concentration"), new([Arg.Scalar(1), Arg.Scalar(0)], "rate")]),
        new("Exponential", p => new Exponential<double>(p[0]),
            [Arg.Vector(0.5, 1.0, 2.2)], new([0.3, 1.2, 0.8, 2.0, 0.05, 3.3], Shape.Matrix(2, 3)),
            (p, x) => Exponential.PDFLn(p[0], x), true,
            [-0.5, double.NegativeInfinity],
            [new([Arg.Scalar(0)], "rate")]),
        new("Beta", p => new Beta<double>(p[0], p[1]),
            [Arg.Vector(0.6, 2.0, 5.5), Arg.Column(1.5, 0.8)], Arg.Vector(0.15, 0.5, 0.83),
            (p, x) => MathNet.Numerics.Distributions.Beta.PDFLn(p[0], p[1], x), true,
            [0, 1, -0.2, 1.5],
            [new([Arg.Scalar(0), Arg.Scalar(1)], "concentration1"), new([Arg.Scalar(1), Arg.Scalar(double.NaN)], "concentration0")]),
        new("Uniform", p => new Uniform<double>(p[0], p[1]),
            [Arg.Vector(-1, 0, 2), Arg.Column(3, 4)], Arg.Vector(0.5, 1.2, 2.5),
            (p, x) => ContinuousUniform.PDFLn(p[0], p[1], x), true,
            [-1.5, 3.5, double.PositiveInfinity],
            [new([Arg.Vector(0, 2), Arg.Vector(1, 1)], "high"), new([Arg.Scalar(double.NegativeInfinity), Arg.Scalar(1)], "low")]),
        new("Bernoulli(probs)", p => Bernoulli<double>.FromProbs(p[0]),
            [Arg.Vector(0.2, 0.5, 0.9)], new([0, 1, 1, 1, 0, 0], Shape.Matrix(2, 3)),
            (p, x) => Bernoulli.PMFLn(p[0], (int)x), false,
            [0.5, 2, -1],
            [new([Arg.Scalar(1.2)], "probs"), new([Arg.Scalar(-0.1)], "probs")]),
        new("Bernoulli(logits)", p => Bernoulli<double>.FromLogits(p[0]),
            [Arg.Vector(-1.2, 0.3, 2.0)], new([0, 1, 1, 1, 0, 0], Shape.Matrix(2, 3)),
            (p, x) => Bernoulli.PMFLn(Sigmoid(p[0]), (int)x), false,
            [0.5, 2, -1],
            [new([Arg.Scalar(double.NaN)], "logits")]),
        new("Binomial(probs)", p => Binomial<double>.FromProbs(p[0], p[1]),
            [Arg.Column(5, 12).Fixed(), Arg.Vector(0.1, 0.45, 0.8)], Arg.Vector(0, 3, 5),
            (p, x) => Binomial.PMFLn(p[1], (int)p[0], (int)x), false,
            [-1, 2.5, 6],
            [new([Arg.Scalar(2.5), Arg.Scalar(0.5)], "totalCount"), new([Arg.Scalar(-1), Arg.Scalar(0.5)], "totalCount"),
             new([Arg.Scalar(3), Arg.Scalar(1.5)], "probs")]),
        new("Binomial(logits)", p => Binomial<double>.FromLogits(p[0], p[1]),
            [Arg.Column(5, 12).Fixed(), Arg.Vector(-2.0, 0.2, 1.4)], Arg.Vector(0, 3, 5),
            (p, x) => Binomial.PMFLn(Sigmoid(p[1]), (int)p[0], (int)x), false,
            [-1, 2.5, 6],
            [new([Arg.Scalar(3), Arg.Scalar(double.PositiveInfinity)], "logits")]),
        new("Poisson", p => new Poisson<double>(p[0]),
            [Arg.Vector(0.5, 3.0, 11.0)], new([0, 2, 7, 1, 4, 15], Shape.Matrix(2, 3)),
            (p, x) => Poisson.PMFLn(p[0], (int)x), false,
            [-1, 1.5, double.PositiveInfinity],
            [new([Arg.Scalar(-0.1)], "rate"), new([Arg.Scalar(double.PositiveInfinity)], "rate")]),
    ];

    /// <summary>The cases with a finite value outside the support (the support is enforced by a mask).</summary>
    public static IEnumerable<ScalarCase> MaskedCases() => Cases().Where(c => c.Outside.Any(double.IsFinite));

    /// <summary>The cases with more than one parameter.</summary>
    public static IEnumerable<ScalarCase> MultiParameterCases() => Cases().Where(c => c.Parameters.Length > 1);

    [TestCaseSource(nameof(Cases))]
    public void LogProbMatchesTheReferenceUnderBroadcasting(ScalarCase c)
    {
        var dist = c.Make(c.Parameters.Select(p => p.Constant()).ToArray());
        var logProb = dist.LogProb(c.Value.Constant());
        var expected = Reference(c.Reference, c.Parameters, c.Value);
        var shape = c.Parameters.Aggregate(c.Value.Shape, (s, p) => Shape.Broadcast(s, p.Shape, "test"));
        Assert.That(logProb.Shape, Is.EqualTo(shape));
        Assert.That(dist.BatchShape, Is.EqualTo(c.Parameters.Skip(1).Aggregate(c.Parameters[0].Shape, (s, p) => Shape.Broadcast(s, p.Shape, "test"))));
        var actual = logProb.ToArray();
        for (int i = 0; i < actual.Length; i++)
            Assert.That(actual[i], Is.EqualTo(expected[i]).Within(1e-11 * Math.Max(1, Math.Abs(expected[i]))), $"{c.Name} element {i}");
    }

    [TestCaseSource(nameof(Cases))]
    public void TheTapeGivesTheEagerValues(ScalarCase c)
    {
        var eager = c.Make(c.Parameters.Select(p => p.Constant()).ToArray()).LogProb(c.Value.Constant()).ToArray();
        var tape = new Tape<double>();
        var parameters = c.Parameters.Select(p => tape.Variable(p.Values, p.Shape)).ToArray();
        var recorded = c.Make(parameters).LogProb(tape.Variable(c.Value.Values, c.Value.Shape));
        Assert.That(recorded.IsOnTape, Is.True);
        Assert.That(recorded.ToArray(), Is.EqualTo(eager).Within(1e-14));
    }

    [TestCaseSource(nameof(Cases))]
    public void DerivativesMatchFiniteDifferences(ScalarCase c) =>
        CheckDerivatives(c.Make, c.Parameters, c.Value, differentiateValue: c.ContinuousValue);

    [TestCaseSource(nameof(Cases))]
    public void ThirdDerivativesMatchFiniteDifferences(ScalarCase c) =>
        CheckThirdDerivatives(c.Make, c.Parameters, c.Value, differentiateValue: c.ContinuousValue);

    [TestCaseSource(nameof(Cases))]
    public void ValuesOutsideTheSupportHaveLogDensityMinusInfinity(ScalarCase c)
    {
        var dist = c.Make(c.ScalarParameters.Select(p => p.Constant()).ToArray());
        var logProb = dist.LogProb(Tensor.FromVector<double>(c.Outside)).ToArray();
        Assert.That(logProb, Is.All.EqualTo(double.NegativeInfinity), c.Name);
    }

    [TestCaseSource(nameof(Cases))]
    public void NaNPropagates(ScalarCase c)
    {
        var dist = c.Make(c.ScalarParameters.Select(p => p.Constant()).ToArray());
        Assert.That(dist.LogProb(Tensor.Scalar(double.NaN)).ToScalar(), Is.NaN);
    }

    [TestCaseSource(nameof(MaskedCases))]
    public void ValuesOutsideTheSupportAddNothingToTheGradient(ScalarCase c)
    {
        var outside = c.Outside.Where(double.IsFinite).ToArray();
        var parameters = c.ScalarParameters;
        double inside = c.Value.Values[0];
        double[] GradientAt(double[] values)
        {
            var x = parameters.Select(p => p.Values[0]).ToArray();
            return Hmc.Native.Autodiff.Derivatives.Gradient(t =>
            {
                var tensors = parameters.Select((p, i) => p.Differentiable ? t[i] : p.Constant()).ToArray();
                // The sum is −∞ when a value is outside; its gradient is still that of the inside terms. The zero
                // term keeps a fixed (non-differentiable) parameter's coordinate in the graph.
                return c.Make(tensors).LogProb(Tensor.FromVector<double>(values)).Sum() + (t * 0.0).Sum();
            }, x);
        }
        var withOutside = GradientAt([inside, .. outside]);
        var insideOnly = GradientAt([inside]);
        Assert.That(withOutside, Is.All.Not.NaN);
        Assert.That(withOutside, Is.EqualTo(insideOnly).Within(1e-14));

        // With respect to the values: the outside ones get exactly 0.
        var dist = c.Make(parameters.Select(p => p.Constant()).ToArray());
        var valueGradient = Hmc.Native.Autodiff.Derivatives.Gradient(t => dist.LogProb(t).Sum(), [inside, .. outside]);
        Assert.That(valueGradient[0], Is.Not.NaN);
        Assert.That(valueGradient[1..], Is.All.EqualTo(0.0));
    }

    [TestCaseSource(nameof(Cases))]
    public void InvalidParametersThrowAsConstantsAndGiveMinusInfinityOnATape(ScalarCase c)
    {
        foreach (var invalid in c.InvalidParameters)
            ThrowsForConstantsAndRejectsOnATape(c.Make, invalid.Parameters, Arg.Scalar(c.Value.Values[0]), NameOf(c), invalid.Parameter, "must be");
    }

    [Test]
    public void AnInvalidConstantScaleThrowsTheMessageThatNamesTheElement()
    {
        var e = Assert.Throws<ArgumentException>(() => new Normal<double>(Tensor.Scalar(0.0), Tensor.FromVector(1.0, double.PositiveInfinity)));
        Assert.That(e!.Message, Does.StartWith($"Normal: 'scale' must be positive and finite; element 1 is {double.PositiveInfinity}."));
        Assert.That(e.ParamName, Is.EqualTo("scale"));
    }

    [Test]
    public void AnInvalidTapeScaleGivesMinusInfinityOnlyWhereItIsInvalidAndKeepsTheOtherGradients()
    {
        var tape = new Tape<double>();
        var scale = tape.Variable([0.8, -0.3]);
        var loc = tape.Variable([0.2]);
        var x = Tensor.FromVector(0.3, 0.4);
        var logProb = new Normal<double>(loc, scale).LogProb(x);
        var values = logProb.ToArray();
        Assert.That(values[0], Is.EqualTo(Normal.PDFLn(0.2, 0.8, 0.3)).Within(1e-14));
        Assert.That(values[1], Is.EqualTo(double.NegativeInfinity));
        var gradients = tape.Gradient(logProb.Sum(), [scale, loc]);
        // ∂/∂σ ln N(x | μ, σ) = (x − μ)²/σ³ − 1/σ and ∂/∂μ = (x − μ)/σ², from the valid element alone.
        Assert.That(gradients[0].ToArray(), Is.EqualTo(new[] { 0.01 / (0.8 * 0.8 * 0.8) - 1 / 0.8, 0.0 }).Within(1e-13));
        Assert.That(gradients[1].ToScalar(), Is.EqualTo(0.1 / (0.8 * 0.8)).Within(1e-13));
    }

    [TestCaseSource(nameof(MultiParameterCases))]
    public void ParametersThatDoNotBroadcastThrowAShapeMismatch(ScalarCase c)
    {
        var parameters = c.Parameters.Select((p, i) => new Arg(Enumerable.Repeat(p.Values[0], i == 0 ? 2 : 3).ToArray(), Shape.Vector(i == 0 ? 2 : 3))).ToArray();
        foreach (var mode in Enum.GetValues<Mode>())
        {
            var e = Assert.Throws<ShapeMismatchException>(() => c.Make(AsTensors(parameters, mode)));
            Assert.That(e!.Message, Does.Contain(NameOf(c)).And.Contain("[2]").And.Contain("[3]"));
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void AValueThatDoesNotBroadcastThrowsAShapeMismatch(ScalarCase c)
    {
        var dist = c.Make(c.Parameters.Select(p => p.Constant()).ToArray());
        var value = Tensor.Full(Shape.Vector(4), c.Value.Values[0]);
        var e = Assert.Throws<ShapeMismatchException>(() => dist.LogProb(value));
        Assert.That(e!.Message, Does.Contain(NameOf(c)).And.Contain("[4]"));
    }

    [TestCaseSource(nameof(Cases))]
    public void ANoneTensorIsRejected(ScalarCase c)
    {
        var parameters = c.Parameters.Select(p => p.Constant()).ToArray();
        parameters[0] = default;
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => c.Make(parameters));
        var dist = c.Make(c.Parameters.Select(p => p.Constant()).ToArray());
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => dist.LogProb(default));
    }

    [Test]
    public void SinglePrecisionAgreesWithDoublePrecision()
    {
        var x = Tensor.FromVector(0.4f, 1.3f, 2.8f);
        var a = Tensor.FromVector(0.7f, 2.5f, 6.0f);
        var b = Tensor.FromVector(0.5f, 3.0f, 1.2f);
        var u = Tensor.FromVector(0.15f, 0.5f, 0.83f);
        var k = Tensor.FromVector(0f, 2f, 7f);
        (float[] Single, double[] Double)[] pairs =
        [
            (new Normal<float>(a, b).LogProb(x).ToArray(), new Normal<double>(ToDouble(a), ToDouble(b)).LogProb(ToDouble(x)).ToArray()),
            (new Gamma<float>(a, b).LogProb(x).ToArray(), new Gamma<double>(ToDouble(a), ToDouble(b)).LogProb(ToDouble(x)).ToArray()),
            (new Beta<float>(a, b).LogProb(u).ToArray(), new Beta<double>(ToDouble(a), ToDouble(b)).LogProb(ToDouble(u)).ToArray()),
            (new StudentT<float>(a, b, b).LogProb(x).ToArray(), new StudentT<double>(ToDouble(a), ToDouble(b), ToDouble(b)).LogProb(ToDouble(x)).ToArray()),
            (new Poisson<float>(a).LogProb(k).ToArray(), new Poisson<double>(ToDouble(a)).LogProb(ToDouble(k)).ToArray()),
        ];
        foreach (var (single, reference) in pairs)
            for (int i = 0; i < single.Length; i++)
                Assert.That(single[i], Is.EqualTo(reference[i]).Within(2e-6 * Math.Max(1, Math.Abs(reference[i]))));
    }

    [Test]
    public void ALogDensitySummedOverDataHasTheGradientOfItsClosedForm()
    {
        // Σᵢ ln N(yᵢ | μ, σ) has ∂/∂μ = Σ(yᵢ − μ)/σ² and ∂/∂σ = Σ((yᵢ − μ)²/σ³ − 1/σ).
        double[] y = [0.3, -1.1, 2.4, 0.8];
        var data = Tensor.FromVector<double>(y);
        var gradient = Hmc.Native.Autodiff.Derivatives.Gradient(t => new Normal<double>(t[0], t[1]).LogProb(data).Sum(), [0.5, 1.7]);
        double mu = 0.5, sigma = 1.7;
        Assert.That(gradient[0], Is.EqualTo(y.Sum(v => (v - mu) / (sigma * sigma))).Within(1e-13));
        Assert.That(gradient[1], Is.EqualTo(y.Sum(v => (v - mu) * (v - mu) / (sigma * sigma * sigma) - 1 / sigma)).Within(1e-13));
    }

    private static Tensor<double> ToDouble(Tensor<float> t) =>
        Tensor.FromSpan<double>(t.ToArray().Select(v => (double)v).ToArray(), t.Shape);

    /// <summary>The distribution's name as its messages spell it ("Bernoulli" for "Bernoulli(probs)").</summary>
    private static string NameOf(ScalarCase c) => c.Name.Split('(')[0];
}
