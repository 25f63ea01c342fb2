using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Autodiff;

public class TapeTests
{
    private static Tensor<double> Funnel(Tensor<double> x)
    {
        var v = x[0];
        var rest = x[1..];
        var lpV = -(v * v) / 18.0;
        var lpX = (-0.5 * (rest * rest).Sum() * (-v).Exp()) + 0.5 * 10.0 * v * -1.0;
        return lpV + lpX;
    }

    [Test]
    public void BroadcastArithmeticMatchesFiniteDifferences()
    {
        double[] x = [0.3, -1.2, 0.7, 2.0, 0.1, -0.4];
        DerivativeCheck.Check(t =>
        {
            var m = t.Reshape(2, 3);
            var row = t[0..3];
            var col = t[4..].Reshape(2, 1);
            return ((m * row) / (col.Exp() + 1.0) - m.Log1pSafe()).Sum();
        }, x);
    }

    [Test]
    public void FunnelGradientAllocatesNothingAfterWarmUp()
    {
        var evaluator = new GradientEvaluator<double>(Funnel);
        var x = new double[11];
        for (int i = 0; i < x.Length; i++) x[i] = 0.1 * i - 0.3;
        var g = new double[11];
        for (int i = 0; i < 10; i++) evaluator.ValueAndGradient(x, g);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) evaluator.ValueAndGradient(x, g);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        DerivativeCheck.AssertClose(g, DerivativeCheck.FiniteGradient(v => DerivativeCheck.Eval(Funnel, v), x), 1e-6, "funnel gradient");
    }

    [Test]
    public void NonScalarOutputThrows()
    {
        Assert.Throws<NonScalarOutputException>(() => Derivatives.Gradient<double>(t => t * 2.0, [1.0, 2.0]));
    }

    [Test]
    public void UnusedInputThrowsUnlessAllowed()
    {
        var tape = new Tape<double>();
        var a = tape.Variable([1.0, 2.0]);
        var b = tape.Variable([3.0]);
        var y = (a * a).Sum();
        Assert.Throws<InputNotUsedException>(() => tape.Gradient(y, [a, b]));
        var g = tape.Gradient(y, [a, b], allowUnused: true);
        Assert.That(g[1].ToArray(), Is.EqualTo(new[] { 0.0 }));
    }

    [Test]
    public void ShapeMismatchNamesBothShapes()
    {
        var a = Tensor.Zeros<double>(new Shape(2, 3));
        var b = Tensor.Zeros<double>(new Shape(4));
        var ex = Assert.Throws<ShapeMismatchException>(() => _ = a + b);
        Assert.That(ex!.Message, Does.Contain("[2, 3]").And.Contain("[4]"));
    }

    [Test]
    public void CheckFiniteNamesTheOperation()
    {
        var tape = new Tape<double> { CheckFinite = true };
        var x = tape.Variable([-1.0]);
        var ex = Assert.Throws<NonFiniteValueException>(() => x.Log());
        Assert.That(ex!.Operation, Is.EqualTo("log"));
    }

    [Test]
    public void ThirdOrderGradientOfLogDetHessianMatchesFiniteDifferences()
    {
        // f(x) = Σ exp(x_i) x_{i+1}^2 + x_0^4 / 12: its Hessian depends on x, so ∇ log det ∇²f is a third-order quantity.
        static Tensor<double> F(Tensor<double> x) => (x[..2].Exp() * x[1..] * x[1..]).Sum() + x[0] * x[0] * x[0] * x[0] / 12.0 + (x * x).Sum();
        static double LogDetHessian(double[] x)
        {
            var h = Derivatives.Hessian<double>(F, x);
            return MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(h).Determinant() is var d ? Math.Log(d) : 0;
        }
        double[] x0 = [0.4, 0.9, -0.3];
        var tape = new Tape<double>();
        var xv = tape.Variable(x0);
        var g = tape.Gradient(F(xv), xv, createGraph: true);
        var rows = new Tensor<double>[3];
        for (int i = 0; i < 3; i++) rows[i] = tape.Gradient(g[i], xv, createGraph: true, allowUnused: true);
        var h = rows[0].Reshape(1, 3).Concat(rows[1].Reshape(1, 3)).Concat(rows[2].Reshape(1, 3));
        var det = Det3(h);
        var grad = tape.Gradient(det.Log(), xv).ToArray();
        DerivativeCheck.AssertClose(grad, DerivativeCheck.FiniteGradient(LogDetHessian, x0), 1e-5, "∇ log det H");
    }

    private static Tensor<double> Det3(Tensor<double> m)
    {
        Tensor<double> E(int i, int j) => m[i][j];
        return E(0, 0) * (E(1, 1) * E(2, 2) - E(1, 2) * E(2, 1))
             - E(0, 1) * (E(1, 0) * E(2, 2) - E(1, 2) * E(2, 0))
             + E(0, 2) * (E(1, 0) * E(2, 1) - E(1, 1) * E(2, 0));
    }
}

internal static class TestOps
{
    public static Tensor<double> Log1pSafe(this Tensor<double> x) => (x * x + 1.0).Log();

    public static Tensor<double> Concat(this Tensor<double> a, Tensor<double> b) =>
        a.PadAxis(0, 0, b.Shape[0]) + b.PadAxis(0, a.Shape[0], 0);
}
