using Hmc.Native.Autodiff;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;

namespace Hmc.Native.Tests.Linalg;

public class LogDeterminantTests
{
    [TestCase(1)]
    [TestCase(4)]
    [TestCase(25)]
    public void LogAbsDeterminantMatchesMathNet(int n)
    {
        var a = LinalgFixtures.RandomMatrix(n, 110 + n);
        double expected = Math.Log(Math.Abs(LinalgFixtures.ToMathNet(a, n, n).Determinant()));
        Assert.That(LinalgFixtures.Square(a, n).LogDeterminant().ToScalar(), Is.EqualTo(expected).Within(1e-10));
    }

    [Test]
    public void NegativeDeterminantGivesLogOfItsMagnitude()
    {
        var a = LinalgFixtures.Square([0, 2, 3, 0], 2);
        Assert.That(a.LogDeterminant().ToScalar(), Is.EqualTo(Math.Log(6)).Within(1e-15));
    }

    [Test]
    public void SingularMatrixHasLogDeterminantMinusInfinity()
    {
        Assert.That(LinalgFixtures.Square([1, 2, 2, 4], 2).LogDeterminant().ToScalar(), Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void GradientIsTheInverseTransposed()
    {
        const int n = 5;
        var a = LinalgFixtures.RandomMatrix(n, 111);
        var tape = new Tape<double>();
        var x = tape.Variable(a, Shape.Matrix(n, n));
        var g = tape.Gradient(x.LogDeterminant(), x);
        NaiveMatMul.AssertClose(g.Values, LinalgFixtures.ToMathNet(a, n, n).Inverse().Transpose().ToRowMajorArray(), 1e-10, "A⁻ᵀ");
    }

    [Test]
    public void DerivativesMatchFiniteDifferences()
    {
        const int n = 3;
        var shift = Tensor.Identity<double>(n) * 1.5;
        DerivativeCheck.Check(t =>
        {
            var a = t.Reshape(n, n) + shift;
            var d = a.LogDeterminant();
            return d * d + (a * a).LogDeterminant();
        }, LinalgFixtures.RandomMatrix(n, 112));
    }

    [TestCase(1)]
    [TestCase(6)]
    [TestCase(30)]
    public void SpdLogDeterminantMatchesMathNet(int n)
    {
        var s = LinalgFixtures.RandomSpd(n, 113);
        double expected = LinalgFixtures.ToMathNet(s, n, n).Cholesky().DeterminantLn;
        Assert.That(LinalgFixtures.Square(s, n).LogDeterminantSpd().ToScalar(), Is.EqualTo(expected).Within(1e-10));
        Assert.That(LinalgFixtures.Square(s, n).LogDeterminant().ToScalar(), Is.EqualTo(expected).Within(1e-10));
    }

    [Test]
    public void SpdDerivativesMatchFiniteDifferences()
    {
        const int n = 3;
        DerivativeCheck.Check(t =>
        {
            var d = LinalgFixtures.Spd(t, n).LogDeterminantSpd();
            return d * d * 0.1 + d;
        }, LinalgFixtures.RandomMatrix(n, 114));
    }

    [Test]
    public void SpdDerivativesAlongNonSymmetricDirectionsMatchFiniteDifferences()
    {
        const int n = 3;
        var shift = Tensor.Identity<double>(n) * 3.0;
        DerivativeCheck.Check(t => (t.Reshape(n, n) + shift).LogDeterminantSpd(), LinalgFixtures.RandomMatrix(n, 115));
    }

    [Test]
    public void SpdOfIndefiniteMatrixThrows()
    {
        var ex = Assert.Throws<NotPositiveDefiniteException>(() => LinalgFixtures.Square([1, 0, 0, -2], 2).LogDeterminantSpd());
        Assert.That(ex!.PivotIndex, Is.EqualTo(1));
        Assert.That(ex.Message, Does.Contain("log-determinant-spd").And.Contain("index 1"));
    }
}
