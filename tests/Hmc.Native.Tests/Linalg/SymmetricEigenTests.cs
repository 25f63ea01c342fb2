using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;

namespace Hmc.Native.Tests.Linalg;

public class SymmetricEigenTests
{
    private static double[] RandomSymmetric(int n, int seed)
    {
        var a = LinalgFixtures.RandomMatrix(n, seed);
        var s = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) s[i * n + j] = a[i * n + j] + a[j * n + i];
        return s;
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    [TestCase(40)]
    public void DecompositionMatchesMathNet(int n)
    {
        var s = RandomSymmetric(n, 120 + n);
        var (values, vectors) = LinalgFixtures.Square(s, n).SymmetricEigen();
        var evd = LinalgFixtures.ToMathNet(s, n, n).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var expectedValues = evd.EigenValues.Select(c => c.Real).OrderBy(v => v).ToArray();
        NaiveMatMul.AssertClose(values.Values, expectedValues, 1e-11, "eigenvalues");

        // Each column v_i is a unit eigenvector: S v_i = λ_i v_i, and V is orthogonal.
        var v = vectors.ToArray();
        var sv = NaiveMatMul.Multiply(s, v, n, n, n);
        var lambda = values.ToArray();
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
                Assert.That(sv[k * n + i], Is.EqualTo(lambda[i] * v[k * n + i]).Within(1e-11), $"S v_{i}");
        var vtv = NaiveMatMul.Multiply(NaiveMatMul.Transpose(v, n, n), v, n, n, n);
        NaiveMatMul.AssertClose(vtv, Tensor.Identity<double>(n).ToArray(), 1e-12, "VᵀV");

        // Same eigenvectors as MathNet up to sign; ours has its largest entry positive.
        var reference = evd.EigenVectors;
        for (int i = 0; i < n; i++)
        {
            int column = Enumerable.Range(0, n).OrderBy(c => Math.Abs(evd.EigenValues[c].Real - lambda[i])).First();
            double dot = Enumerable.Range(0, n).Sum(k => v[k * n + i] * reference[k, column]);
            Assert.That(Math.Abs(dot), Is.EqualTo(1).Within(1e-10), $"v_{i} against MathNet");
            double largest = Enumerable.Range(0, n).Select(k => v[k * n + i]).MaxBy(Math.Abs);
            Assert.That(largest, Is.Positive);
        }
    }

    [Test]
    public void SinglePrecisionMatchesDouble()
    {
        const int n = 8;
        var s = RandomSymmetric(n, 130);
        var (values32, _) = Tensor.FromSpan<float>(s.Select(x => (float)x).ToArray(), Shape.Matrix(n, n)).SymmetricEigen();
        var (values64, _) = LinalgFixtures.Square(s, n).SymmetricEigen();
        NaiveMatMul.AssertClose(values32.ToArray().Select(x => (double)x).ToArray(), values64.ToArray(), 1e-5, "float eigenvalues");
    }

    [Test]
    public void EigenvalueDerivativesMatchFiniteDifferences()
    {
        const int n = 4;
        var w = Tensor.FromVector(0.3, -1.1, 0.7, 2.0);
        DerivativeCheck.Check(t =>
        {
            var (values, _) = LinalgFixtures.Spd(t, n).SymmetricEigen();
            return (values * w).Sum() + (values * values).Sum() * 0.05;
        }, LinalgFixtures.RandomMatrix(n, 131));
    }

    [Test]
    public void EigenvectorDerivativesMatchFiniteDifferences()
    {
        // Σ C_ij V_ij² does not depend on the signs of the eigenvectors.
        const int n = 3;
        var c = LinalgFixtures.Square(LinalgFixtures.RandomMatrix(n, 132), n);
        var shift = LinalgFixtures.Square([1, 0, 0, 0, 2, 0, 0, 0, 3], n);
        DerivativeCheck.Check(t =>
        {
            var (values, vectors) = (t.Reshape(n, n) * 0.3 + shift).SymmetricEigen();
            return (vectors * vectors * c).Sum() + values.Dot(values);
        }, LinalgFixtures.RandomMatrix(n, 133));
    }

    [Test]
    public void NonFiniteInputGivesNaN()
    {
        var (values, vectors) = LinalgFixtures.Square([1, double.NaN, double.NaN, 1], 2).SymmetricEigen();
        Assert.That(values.ToArray().All(double.IsNaN) && vectors.ToArray().All(double.IsNaN), Is.True);
    }

    [Test]
    public void NonSquareInputThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros<double>(Shape.Matrix(3, 2)).SymmetricEigen());
        Assert.That(ex!.Message, Does.Contain("symmetric-eigen").And.Contain("[3, 2]"));
    }

    [Test]
    public void TheKernelRefusesBuffersShorterThanTheOrder()
    {
        var ex = Assert.Throws<ArgumentException>(() => SymmetricEigenKernel.Decompose<double>(new double[9], 3, new double[2], new double[3]));
        Assert.That(ex!.Message, Does.Contain("order-3"));
        Assert.Throws<ArgumentException>(() => SymmetricEigenKernel.Decompose<double>(new double[8], 3, new double[3], new double[3]));
    }
}
