using Hmc.Native.Autodiff;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;

namespace Hmc.Native.Tests.Linalg;

/// <summary>
/// Derivatives of expressions of a Hessian (what the RMHMC momentum update needs): the Hessian is recorded with
/// <c>createGraph</c>, a linear-algebra operation is applied to it, and the result is differentiated again.
/// </summary>
public class ThirdOrderTests
{
    private const int N = 3;

    private static readonly double[] Weights = NaiveMatMul.Random(4 * N, 140);

    /// <summary>f(x) = Σ_j exp(w_jᵀx) + ½|x|² + x₀⁴/12: its Hessian Wᵀ diag(e^{Wx}) W + I + diag(x₀², 0, 0) is positive definite and depends on x.</summary>
    private static Tensor<double> F(Tensor<double> x)
    {
        var w = Tensor.FromSpan<double>(Weights, Shape.Matrix(4, N));
        var x0 = x[0];
        return w.MatMul(x).Exp().Sum() + x.Dot(x) * 0.5 + x0 * x0 * x0 * x0 / 12.0;
    }

    /// <summary>The Hessian as a recorded N×N matrix: row i is ∇(∂f/∂x_i), stacked by padding.</summary>
    private static Tensor<double> RecordedHessian(Tape<double> tape, Tensor<double> x)
    {
        var g = tape.Gradient(F(x), x, createGraph: true);
        Tensor<double> h = default;
        for (int i = 0; i < N; i++)
        {
            var row = tape.Gradient(g[i], x, createGraph: true).Reshape(1, N).PadAxis(0, i, N - 1 - i);
            h = h.IsNone ? row : h + row;
        }
        return h;
    }

    private static double LogDetHessian(double[] x) =>
        Math.Log(Math.Abs(LinalgFixtures.ToMathNet(Flatten(Derivatives.Hessian<double>(F, x)), N, N).Determinant()));

    private static double[] Flatten(double[,] m) => m.Cast<double>().ToArray();

    [Test]
    public void GradientOfLogDeterminantOfHessianMatchesFiniteDifferences()
    {
        double[] x0 = [0.4, -0.7, 0.25];
        var tape = new Tape<double>();
        var x = tape.Variable(x0);
        var grad = tape.Gradient(RecordedHessian(tape, x).LogDeterminant(), x).ToArray();
        DerivativeCheck.AssertClose(grad, DerivativeCheck.FiniteGradient(LogDetHessian, x0), 1e-6, "∇ log |det ∇²f|");
    }

    [Test]
    public void GradientOfSpdLogDeterminantAndCholeskyOfHessianMatchFiniteDifferences()
    {
        double[] x0 = [-0.3, 0.5, 0.9];
        var tape = new Tape<double>();
        var x = tape.Variable(x0);
        var h = RecordedHessian(tape, x);
        var grad = tape.Gradient(h.LogDeterminantSpd(), x).ToArray();
        DerivativeCheck.AssertClose(grad, DerivativeCheck.FiniteGradient(LogDetHessian, x0), 1e-6, "∇ log det ∇²f");

        // The same quantity through the Cholesky factor: log det H = 2 Σ log l_ii.
        var l = h.Cholesky();
        var viaFactor = (l * Tensor.Identity<double>(N) + (Tensor.Ones<double>(Shape.Matrix(N, N)) - Tensor.Identity<double>(N))).Log().Sum() * 2.0;
        DerivativeCheck.AssertClose(tape.Gradient(viaFactor, x).ToArray(), grad, 1e-10, "via Cholesky");
    }

    [Test]
    public void GradientOfEigenvaluesOfHessianMatchesFiniteDifferences()
    {
        double[] x0 = [0.2, 0.1, -0.6];
        var tape = new Tape<double>();
        var x = tape.Variable(x0);
        var (values, _) = RecordedHessian(tape, x).SymmetricEigen();
        var grad = tape.Gradient(values.Log().Sum(), x).ToArray();
        DerivativeCheck.AssertClose(grad, DerivativeCheck.FiniteGradient(LogDetHessian, x0), 1e-6, "∇ Σ log λ(∇²f)");
    }

    [Test]
    public void RecordedSecondDerivativeSurvivesTheTapeGrowingMidPass()
    {
        // 64 nodes is the tape's first growth point; this recording crosses it while a graph adjoint is being summed.
        var tape = new Tape<double>();
        var x = tape.Variable([0.4, -0.7, 0.25]);
        var f = x[0] * x[0] * x[0] + x[0] * x[0];
        var g = tape.Gradient(f, x, createGraph: true);
        var h = tape.Gradient(g[0], x, createGraph: true);
        Assert.That(tape.NodeCount, Is.GreaterThan(64));
        Assert.That(h.ToArray(), Is.EqualTo(new[] { 6 * 0.4 + 2, 0, 0 }).Within(1e-14));
    }
    [Test]
    public void HessianRecorderKeepsThirdDerivativesOfAFunctionBuiltFromSlices()
    {
        // The funnel selects v and slices x out of its argument, so seeding one gradient component at a time leaves
        // whole branches with constant-zero adjoints, which the recorder skips; Σ W ∘ ∇²f must still differentiate right.
        const int n = 5;
        var weights = NaiveMatMul.Random(n * n, 141);
        static Tensor<double> Funnel(Tensor<double> w) => -(w[0] * w[0]) / 18.0 - 0.5 * (w[1..] * w[1..]).Sum() * w[0].Exp() + 2.0 * w[0];
        double WeightedHessian(double[] point)
        {
            var h = Derivatives.Hessian<double>(Funnel, point);
            double sum = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) sum += weights[i * n + j] * h[i, j];
            return sum;
        }
        double[] x0 = [0.3, 0.8, -0.4, 1.1, 0.2];
        var tape = new Tape<double>();
        var x = tape.Variable(x0);
        var hessian = HessianRecorder.Record(tape, Funnel(x), x);
        Assert.That(hessian.Values.ToArray(), Is.EqualTo(Flatten(Derivatives.Hessian<double>(Funnel, x0))).Within(1e-12));
        var grad = tape.Gradient((hessian * Tensor.FromSpan<double>(weights, Shape.Matrix(n, n))).Sum(), x).ToArray();
        DerivativeCheck.AssertClose(grad, DerivativeCheck.FiniteGradient(WeightedHessian, x0), 1e-6, "∇ Σ W ∘ ∇²f");
    }
}
