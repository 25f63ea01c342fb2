using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Linalg;

public class SymmetricSpectralFunctionTests
{
    /// <summary>f(λ) = log(1 + λ²) + λ: smooth, neither odd nor even, so every eigenvalue's sign matters.</summary>
    private sealed class TestFunction : IMatrixFunction
    {
        public double Value(double lambda) => Math.Log(1 + lambda * lambda) + lambda;

        public double Derivative(double lambda) => 2 * lambda / (1 + lambda * lambda) + 1;
    }

    private static readonly TestFunction F = new();

    [Test]
    public void TraceFunctionIsTheSumOverTheEigenvalues()
    {
        const int n = 6;
        var a = LinalgFixtures.RandomSpd(n, 41);
        var eigenvalues = LinalgFixtures.ToMathNet(a, n, n).Evd().EigenValues.Select(c => c.Real);
        double expected = eigenvalues.Sum(F.Value);
        Assert.That(LinalgFixtures.Square(a, n).SymmetricTraceFunction(F).ToScalar(), Is.EqualTo(expected).Within(1e-10));
    }

    [Test]
    public void TraceFunctionGradientMatchesFiniteDifferences()
    {
        const int n = 4;
        DerivativeCheck.Check(t => t.Reshape(n, n).SymmetricTraceFunction(F), LinalgFixtures.RandomMatrix(n, 42), secondOrder: false);
    }

    [Test]
    public void TraceFunctionGradientIsFiniteAndCorrectWhereEigenvaluesCoincide()
    {
        // 2I plus a perturbation along one coordinate: the eigenvalue 2 has multiplicity three at the point.
        const int n = 4;
        var x = new double[n * n];
        for (int i = 0; i < n; i++) x[i * n + i] = 2;
        x[0] = 3;
        DerivativeCheck.Check(t => t.Reshape(n, n).SymmetricTraceFunction(F), x, secondOrder: false);
    }

    [Test]
    public void MatrixFunctionGradientMatchesFiniteDifferencesWithASharedSpectrum()
    {
        const int n = 4;
        var weights = Tensor.FromSpan<double>(LinalgFixtures.RandomMatrix(n, 44), Shape.Matrix(n, n));
        DerivativeCheck.Check(t =>
        {
            var a = t.Reshape(n, n);
            var spectrum = SymmetricSpectrum.Of(a);
            return (a.SymmetricMatrixFunction(F, spectrum) * weights).Sum() + a.SymmetricTraceFunction(F, spectrum);
        }, LinalgFixtures.RandomMatrix(n, 43), secondOrder: false);
    }

    [Test]
    public void ASharedSpectrumGivesTheSameValuesAsAFreshOne()
    {
        const int n = 5;
        var a = LinalgFixtures.Square(LinalgFixtures.RandomSpd(n, 45), n);
        var spectrum = SymmetricSpectrum.Of(a);
        Assert.That(a.SymmetricMatrixFunction(F, spectrum).Values.ToArray(), Is.EqualTo(a.SymmetricMatrixFunction(F).Values.ToArray()));
        Assert.That(a.SymmetricTraceFunction(F, spectrum).ToScalar(), Is.EqualTo(a.SymmetricTraceFunction(F).ToScalar()));
    }

    [Test]
    public void ASpectrumOfAnotherOrderIsRefused()
    {
        var spectrum = SymmetricSpectrum.Of(LinalgFixtures.Square(LinalgFixtures.RandomSpd(3, 46), 3));
        var a = LinalgFixtures.Square(LinalgFixtures.RandomSpd(4, 47), 4);
        Assert.Throws<ArgumentException>(() => a.SymmetricTraceFunction(F, spectrum));
        Assert.Throws<ArgumentException>(() => a.SymmetricMatrixFunction(F, spectrum));
    }
}
