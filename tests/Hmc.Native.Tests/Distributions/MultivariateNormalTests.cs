using Hmc.Native.Autodiff;
using Hmc.Native.Distributions;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using static Hmc.Native.Tests.Distributions.DistributionCheck;
using Normal = MathNet.Numerics.Distributions.Normal;

namespace Hmc.Native.Tests.Distributions;

public class MultivariateNormalTests
{
    private const int D = 3;

    /// <summary>A symmetric positive-definite 3×3 covariance with correlations of both signs.</summary>
    private static readonly double[] Covariance = [2.0, 0.6, -0.4, 0.6, 1.5, 0.3, -0.4, 0.3, 0.9];

    /// <summary>Two means (batch shape [2]).</summary>
    private static readonly Arg Loc = new([0.2, -0.5, 1.0, -1.0, 0.4, 0.0], Shape.Matrix(2, D));

    /// <summary>Values of shape [4, 1, 3]: their leading axes [4, 1] broadcast with the batch [2] to [4, 2].</summary>
    private static readonly Arg Values = new([0.1, 0.2, 0.3, -1.2, 0.7, 2.2, 1.5, -0.3, 0.0, 0.4, 0.4, -0.8], new Shape(4, 1, D));

    private static Matrix<double> CovarianceMatrix => Matrix<double>.Build.Dense(D, D, Covariance);

    private static double[] Flatten(Matrix<double> m) => m.ToRowMajorArray();

    private static Arg Matrix(double[] values) => new(values, Shape.Matrix(D, D));

    /// <summary>The three ways of passing the same Σ: covariance, precision Σ⁻¹ and Cholesky factor.</summary>
    public static IEnumerable<TestCaseData> Parameterisations()
    {
        yield return new TestCaseData(new Func<Tensor<double>, Tensor<double>, MultivariateNormal<double>>(MultivariateNormal<double>.FromCovariance),
            Covariance).SetArgDisplayNames("covariance");
        yield return new TestCaseData(new Func<Tensor<double>, Tensor<double>, MultivariateNormal<double>>(MultivariateNormal<double>.FromPrecision),
            Flatten(CovarianceMatrix.Inverse())).SetArgDisplayNames("precision");
        yield return new TestCaseData(new Func<Tensor<double>, Tensor<double>, MultivariateNormal<double>>(MultivariateNormal<double>.FromScaleTril),
            Flatten(CovarianceMatrix.Cholesky().Factor)).SetArgDisplayNames("scale-tril");
    }

    /// <summary>ln p by the closed form −½ (x − μ)ᵀ Σ⁻¹ (x − μ) − ½ ln det Σ − (d/2) ln 2π with MathNet's linear algebra.</summary>
    private static double ClosedForm(double[] mean, double[] x)
    {
        var sigma = CovarianceMatrix;
        var r = Vector<double>.Build.Dense(x) - Vector<double>.Build.Dense(mean);
        return -0.5 * (r * sigma.Inverse() * r) - 0.5 * Math.Log(sigma.Determinant()) - D / 2.0 * Math.Log(2 * Math.PI);
    }

    [TestCaseSource(nameof(Parameterisations))]
    public void LogProbMatchesTheClosedFormUnderBroadcasting(Func<Tensor<double>, Tensor<double>, MultivariateNormal<double>> make, double[] matrix)
    {
        var dist = make(Loc.Constant(), Matrix(matrix).Constant());
        Assert.That(dist.BatchShape, Is.EqualTo(Shape.Vector(2)));
        Assert.That(dist.EventShape, Is.EqualTo(Shape.Vector(D)));
        var logProb = dist.LogProb(Values.Constant());
        Assert.That(logProb.Shape, Is.EqualTo(Shape.Matrix(4, 2)));
        var actual = logProb.ToArray();
        for (int i = 0; i < 4; i++)
            for (int b = 0; b < 2; b++)
            {
                double expected = ClosedForm(Loc.Values[(b * D)..((b + 1) * D)], Values.Values[(i * D)..((i + 1) * D)]);
                Assert.That(actual[i * 2 + b], Is.EqualTo(expected).Within(1e-12 * Math.Max(1, Math.Abs(expected))), $"value {i}, mean {b}");
            }
    }

    [Test]
    public void ASingleVectorMatchesMathNetsMatrixNormal()
    {
        // A d-vector is a d×1 matrix normal with row covariance Σ and column covariance [1].
        double[] mean = [0.2, -0.5, 1.0], x = [0.4, 0.1, 0.6];
        var reference = new MatrixNormal(Matrix<double>.Build.Dense(D, 1, mean), CovarianceMatrix, Matrix<double>.Build.Dense(1, 1, 1.0));
        double expected = Math.Log(reference.Density(Matrix<double>.Build.Dense(D, 1, x)));
        var dist = MultivariateNormal<double>.FromCovariance(Tensor.FromVector(mean), Matrix(Covariance).Constant());
        var logProb = dist.LogProb(Tensor.FromVector(x));
        Assert.That(logProb.Shape, Is.EqualTo(Shape.Scalar));
        Assert.That(logProb.ToScalar(), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void ADiagonalCovarianceIsAProductOfNormals()
    {
        double[] sd = [0.5, 1.5, 2.0], mean = [0.1, -0.2, 0.3], x = [1.0, 0.0, -2.0];
        var covariance = new double[D * D];
        for (int i = 0; i < D; i++) covariance[i * D + i] = sd[i] * sd[i];
        var dist = MultivariateNormal<double>.FromCovariance(Tensor.FromVector(mean), Matrix(covariance).Constant());
        double expected = Enumerable.Range(0, D).Sum(i => Normal.PDFLn(mean[i], sd[i], x[i]));
        Assert.That(dist.LogProb(Tensor.FromVector(x)).ToScalar(), Is.EqualTo(expected).Within(1e-13));
    }

    [TestCaseSource(nameof(Parameterisations))]
    public void DerivativesMatchFiniteDifferencesInValueMeanAndMatrix(Func<Tensor<double>, Tensor<double>, MultivariateNormal<double>> make, double[] matrix)
    {
        bool triangular = make == MultivariateNormal<double>.FromScaleTril;
        var lowerMask = Tensor.FromSpan<double>([1, 0, 0, 1, 1, 0, 1, 1, 1], Shape.Matrix(D, D));
        // A symmetric matrix stays symmetric under every perturbation as M + Mᵀ with M = A/2; a factor stays lower
        // triangular as A ⊙ lower mask.
        var start = triangular ? matrix : matrix.Select(v => v / 2).ToArray();
        Tensor<double> Build(Tensor<double> a) => triangular ? a * lowerMask : a + a.Transpose();
        var value = new Arg(Values.Values[..(2 * D)], Shape.Matrix(2, D));
        CheckDerivatives(p => make(p[0], Build(p[1])), [Loc, Matrix(start)], value, differentiateValue: true);
        CheckThirdDerivatives(p => make(p[0], Build(p[1])), [Loc, Matrix(start)], value, differentiateValue: true);
    }

    [Test]
    public void TheTapeGivesTheEagerValues()
    {
        var eager = MultivariateNormal<double>.FromCovariance(Loc.Constant(), Matrix(Covariance).Constant()).LogProb(Values.Constant()).ToArray();
        var tape = new Tape<double>();
        var dist = MultivariateNormal<double>.FromCovariance(tape.Variable(Loc.Values, Loc.Shape), tape.Variable(Covariance, Shape.Matrix(D, D)));
        var recorded = dist.LogProb(tape.Variable(Values.Values, Values.Shape));
        Assert.That(recorded.IsOnTape, Is.True);
        Assert.That(recorded.ToArray(), Is.EqualTo(eager).Within(1e-13));
    }

    [Test]
    public void OneDimensionIsTheNormalDistribution()
    {
        var dist = MultivariateNormal<double>.FromScaleTril(Tensor.FromSpan<double>([0.3], Shape.Vector(1)), Tensor.FromSpan<double>([1.7], Shape.Matrix(1, 1)));
        var logProb = dist.LogProb(Tensor.FromSpan<double>([0.1, -2.0, 4.0], Shape.Matrix(3, 1))).ToArray();
        Assert.That(logProb, Is.EqualTo(new[] { 0.1, -2.0, 4.0 }.Select(x => Normal.PDFLn(0.3, 1.7, x))).Within(1e-13));
    }

    [Test]
    public void InfiniteValuesGiveMinusInfinityAndNaNPropagates()
    {
        var dist = MultivariateNormal<double>.FromCovariance(Tensor.FromVector(0.0, 0.0, 0.0), Matrix(Covariance).Constant());
        var logProb = dist.LogProb(Tensor.FromSpan<double>([double.PositiveInfinity, 0, 0, 0, 0, double.NaN], Shape.Matrix(2, D))).ToArray();
        Assert.That(logProb[0], Is.EqualTo(double.NegativeInfinity));
        Assert.That(logProb[1], Is.NaN);
    }

    public static IEnumerable<TestCaseData> InvalidParameters()
    {
        var loc = Arg.Vector(0, 0);
        TestCaseData Case(string name, Func<Tensor<double>[], Distribution<double>> make, Arg[] args, string parameter) =>
            new TestCaseData(make, args, parameter).SetArgDisplayNames(name);
        Func<Tensor<double>[], Distribution<double>> cov = p => MultivariateNormal<double>.FromCovariance(p[0], p[1]);
        Func<Tensor<double>[], Distribution<double>> precision = p => MultivariateNormal<double>.FromPrecision(p[0], p[1]);
        Func<Tensor<double>[], Distribution<double>> tril = p => MultivariateNormal<double>.FromScaleTril(p[0], p[1]);
        yield return Case("covariance not symmetric", cov, [loc, new([2, 0.5, 0.4, 2], Shape.Matrix(2, 2))], "covarianceMatrix");
        yield return Case("covariance with NaN", cov, [loc, new([2, double.NaN, double.NaN, 2], Shape.Matrix(2, 2))], "covarianceMatrix");
        yield return Case("scale-tril not lower triangular", tril, [loc, new([1, 0.5, 0, 1], Shape.Matrix(2, 2))], "scaleTril");
        yield return Case("scale-tril with a negative diagonal", tril, [loc, new([1, 0, 0.5, -1], Shape.Matrix(2, 2))], "scaleTril");
        yield return Case("loc with infinity", tril, [Arg.Vector(0, double.PositiveInfinity), new([1, 0, 0, 1], Shape.Matrix(2, 2))], "loc");
    }

    public static IEnumerable<TestCaseData> InvalidShapes()
    {
        var loc = Arg.Vector(0, 0);
        TestCaseData Case(string name, Func<Tensor<double>[], Distribution<double>> make, Arg[] args, string parameter) =>
            new TestCaseData(make, args, parameter).SetArgDisplayNames(name);
        Func<Tensor<double>[], Distribution<double>> cov = p => MultivariateNormal<double>.FromCovariance(p[0], p[1]);
        Func<Tensor<double>[], Distribution<double>> tril = p => MultivariateNormal<double>.FromScaleTril(p[0], p[1]);
        yield return Case("covariance not square", cov, [loc, new([1, 0, 0, 0, 1, 0], Shape.Matrix(2, 3))], "covarianceMatrix");
        yield return Case("covariance of the wrong order", cov, [Arg.Vector(0, 0, 0), new([1, 0, 0, 1], Shape.Matrix(2, 2))], "covarianceMatrix");
        yield return Case("loc a scalar", tril, [Arg.Scalar(0), new([1.0], Shape.Matrix(1, 1))], "loc");
    }

    public static IEnumerable<TestCaseData> NotPositiveDefinite()
    {
        Func<Tensor<double>[], Distribution<double>> cov = p => MultivariateNormal<double>.FromCovariance(p[0], p[1]);
        Func<Tensor<double>[], Distribution<double>> precision = p => MultivariateNormal<double>.FromPrecision(p[0], p[1]);
        yield return new TestCaseData(cov, new double[] { 1, 2, 2, 1 }, "covarianceMatrix").SetArgDisplayNames("covariance not positive definite");
        yield return new TestCaseData(cov, new double[] { 1, 1, 1, 1 }, "covarianceMatrix").SetArgDisplayNames("covariance singular");
        yield return new TestCaseData(precision, new double[] { -1, 0, 0, 1 }, "precisionMatrix").SetArgDisplayNames("precision not positive definite");
    }

    [TestCaseSource(nameof(NotPositiveDefinite))]
    public void AMatrixThatIsNotPositiveDefiniteThrowsAsAConstantAndGivesMinusInfinityOnATape(
        Func<Tensor<double>[], Distribution<double>> make, double[] matrix, string parameter)
    {
        var loc = Arg.Vector(0, 0);
        var m = new Arg(matrix, Shape.Matrix(2, 2));
        var e = Assert.Throws<NotPositiveDefiniteException>(() => make(AsTensors([loc, m], Mode.HeapConstant)));
        Assert.That(e!.Message, Does.Contain($"MultivariateNormal: '{parameter}'"));
        var tape = new Tape<double>();
        var tensors = new[] { tape.Variable(loc.Values, loc.Shape), tape.Variable(m.Values, m.Shape) };
        var logProb = make(tensors).LogProb(Tensor.FromVector(0.5, -0.5));
        Assert.That(logProb.ToScalar(), Is.EqualTo(double.NegativeInfinity));
        foreach (var g in tape.Gradient(logProb, tensors))
            Assert.That(g.ToArray(), Is.All.EqualTo(0.0));
    }

    [TestCaseSource(nameof(InvalidParameters))]
    public void InvalidParametersThrowAsConstantsAndGiveMinusInfinityOnATape(Func<Tensor<double>[], Distribution<double>> make, Arg[] parameters, string parameter) =>
        ThrowsForConstantsAndRejectsOnATape(make, parameters, new Arg(new double[parameters[0].Values.Length], parameters[0].Shape), "MultivariateNormal", parameter, "must be");

    [TestCaseSource(nameof(InvalidShapes))]
    public void ParametersOfTheWrongShapeThrowInEveryMode(Func<Tensor<double>[], Distribution<double>> make, Arg[] parameters, string parameter) =>
        ThrowsInEveryMode(make, parameters, "MultivariateNormal", parameter);

    [Test]
    public void ACovarianceThatIsNotPositiveDefiniteThrowsTheLinearAlgebraException()
    {
        var e = Assert.Throws<NotPositiveDefiniteException>(() =>
            MultivariateNormal<double>.FromCovariance(Tensor.FromVector(0.0, 0.0), Tensor.FromSpan<double>([1, 2, 2, 1], Shape.Matrix(2, 2))));
        Assert.That(e!.PivotIndex, Is.EqualTo(1));
        Assert.That(e.Message, Does.Contain("covarianceMatrix"));
    }

    [Test]
    public void ValuesOfTheWrongShapeThrowAShapeMismatch()
    {
        var dist = MultivariateNormal<double>.FromCovariance(Loc.Constant(), Matrix(Covariance).Constant());
        var wrongDimension = Assert.Throws<ShapeMismatchException>(() => dist.LogProb(Tensor.Zeros<double>(Shape.Matrix(2, 4))));
        Assert.That(wrongDimension!.Message, Does.Contain("MultivariateNormal").And.Contain("[2, 4]").And.Contain("[3]"));
        var wrongBatch = Assert.Throws<ShapeMismatchException>(() => dist.LogProb(Tensor.Zeros<double>(new Shape(5, D))));
        Assert.That(wrongBatch!.Message, Does.Contain("[5]").And.Contain("[2]"));
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => dist.LogProb(default));
    }

    [Test]
    public void SinglePrecisionAgreesWithDoublePrecision()
    {
        var single = MultivariateNormal<float>.FromCovariance(
            Tensor.FromSpan<float>(Loc.Values.Select(v => (float)v).ToArray(), Loc.Shape),
            Tensor.FromSpan<float>(Covariance.Select(v => (float)v).ToArray(), Shape.Matrix(D, D)));
        var logProb = single.LogProb(Tensor.FromSpan<float>(Values.Values.Select(v => (float)v).ToArray(), Values.Shape)).ToArray();
        var reference = MultivariateNormal<double>.FromCovariance(Loc.Constant(), Matrix(Covariance).Constant()).LogProb(Values.Constant()).ToArray();
        for (int i = 0; i < reference.Length; i++)
            Assert.That(logProb[i], Is.EqualTo(reference[i]).Within(1e-5 * Math.Max(1, Math.Abs(reference[i]))));
    }
}
