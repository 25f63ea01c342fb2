using Hmc.Native.Autodiff;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;

namespace Hmc.Native.Tests.Linalg;

public class CholeskyTests
{
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(10)]
    [TestCase(45)]
    public void FactorMatchesMathNet(int n)
    {
        var s = LinalgFixtures.RandomSpd(n, n);
        var l = LinalgFixtures.Square(s, n).Cholesky();
        var expected = LinalgFixtures.ToMathNet(s, n, n).Cholesky().Factor.ToRowMajorArray();
        NaiveMatMul.AssertClose(l.Values, expected, 1e-12, "L");
        var v = l.Values;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) Assert.That(v[i * n + j], Is.Zero, "upper triangle");
    }

    [Test]
    public void TryFactorMatchesMathNetAndWorksInPlace()
    {
        const int n = 7;
        var s = LinalgFixtures.RandomSpd(n, 70);
        var l = new double[n * n];
        Assert.That(Cholesky.TryFactor(s, n, l), Is.True);
        var expected = LinalgFixtures.ToMathNet(s, n, n).Cholesky().Factor.ToRowMajorArray();
        NaiveMatMul.AssertClose(l, expected, 1e-12, "L");
        Assert.That(Cholesky.TryFactor(s, n, s), Is.True);
        NaiveMatMul.AssertClose(s, expected, 1e-12, "L in place");
    }

    [Test]
    public void TryFactorReportsFailureWithoutThrowing()
    {
        double[] a = [1, 2, 2, 1];
        Assert.That(Cholesky.TryFactor(a, 2, new double[4]), Is.False);
        Assert.That(Cholesky.TryFactor([double.NaN], 1, new double[1]), Is.False);
        Assert.Throws<ArgumentException>(() => Cholesky.TryFactor(a, 3, new double[9]));
    }

    [Test]
    public void FactorOfSinglePrecisionMatchesDouble()
    {
        const int n = 12;
        var s = LinalgFixtures.RandomSpd(n, 71);
        var l32 = Tensor.FromSpan<float>(s.Select(v => (float)v).ToArray(), Shape.Matrix(n, n)).Cholesky();
        var l64 = LinalgFixtures.Square(s, n).Cholesky();
        NaiveMatMul.AssertClose(l32.ToArray().Select(v => (double)v).ToArray(), l64.ToArray(), 1e-5, "float L");
    }

    [Test]
    public void NotPositiveDefiniteThrowsNamingThePivot()
    {
        double[] a = [4, 2, 0, 2, 1, 0, 0, 0, 1];
        var tape = new Tape<double>();
        var x = tape.Variable(a, Shape.Matrix(3, 3));
        int nodes = tape.NodeCount;
        var ex = Assert.Throws<NotPositiveDefiniteException>(() => x.Cholesky());
        Assert.That(ex!.PivotIndex, Is.EqualTo(1));
        Assert.That(ex.Message, Does.Contain("pivot at index 1").And.Contain("cholesky"));
        Assert.That(tape.NodeCount, Is.EqualTo(nodes), "nothing is recorded for a failed factorisation");
        Assert.Throws<NotPositiveDefiniteException>(() => LinalgFixtures.Square([-1.0], 1).Cholesky());
    }

    [Test]
    public void NonSquareInputThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros<double>(Shape.Matrix(2, 3)).Cholesky());
        Assert.That(ex!.Message, Does.Contain("square").And.Contain("[2, 3]"));
    }

    [Test]
    public void DerivativesOfWeightedFactorMatchFiniteDifferences()
    {
        const int n = 3;
        var w = LinalgFixtures.Square(LinalgFixtures.RandomMatrix(n, 72), n);
        DerivativeCheck.Check(x => (LinalgFixtures.Spd(x, n).Cholesky() * w).Sum(), LinalgFixtures.RandomMatrix(n, 73));
    }

    [Test]
    public void DerivativesOfNonlinearFunctionOfFactorMatchFiniteDifferences()
    {
        const int n = 4;
        DerivativeCheck.Check(x =>
        {
            var l = LinalgFixtures.Spd(x, n).Cholesky();
            return (l * l * l).Sum() + l.MatMul(l).Sum();
        }, LinalgFixtures.RandomMatrix(n, 74));
    }

    [Test]
    public void GradientWithRespectToNonSymmetricInputIsTheSymmetricPartRule()
    {
        // The factorisation is of (A + Aᵀ)/2, so finite differences along non-symmetric directions agree too.
        const int n = 3;
        var shift = Tensor.Identity<double>(n) * 3.0;
        var w = LinalgFixtures.Square(LinalgFixtures.RandomMatrix(n, 75), n);
        DerivativeCheck.Check(x => ((x.Reshape(n, n) + shift).Cholesky() * w).Sum(), LinalgFixtures.RandomMatrix(n, 76));
    }
}
