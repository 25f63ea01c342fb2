using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class MatMulTests
{
    [TestCase(1, 1, 1)]
    [TestCase(3, 5, 7)]
    [TestCase(4, 8, 4)]
    [TestCase(17, 13, 19)]
    [TestCase(33, 65, 31)]
    [TestCase(5, 300, 9)]
    [TestCase(2, 3, 1)]
    [TestCase(9, 1, 11)]
    [TestCase(130, 140, 150)]
    [TestCase(1, 700, 1500)]
    public void BlockedProductMatchesNaiveTripleLoop(int m, int k, int n)
    {
        var a = NaiveMatMul.Random(m * k, 1);
        var b = NaiveMatMul.Random(k * n, 2);
        var c = Tensor.FromSpan<double>(a, Shape.Matrix(m, k)).MatMul(Tensor.FromSpan<double>(b, Shape.Matrix(k, n)));
        Assert.That(c.Shape, Is.EqualTo(Shape.Matrix(m, n)));
        NaiveMatMul.AssertClose(c.Values, NaiveMatMul.Multiply(a, b, m, k, n), 1e-12 * k, "A·B");
    }

    [TestCase(37, 41, 43)]
    [TestCase(100, 120, 110)]
    public void SinglePrecisionProductMatchesNaiveTripleLoop(int m, int k, int n)
    {
        var a = NaiveMatMul.Random(m * k, 3);
        var b = NaiveMatMul.Random(k * n, 4);
        var c = Tensor.FromSpan<float>(a.Select(v => (float)v).ToArray(), Shape.Matrix(m, k))
            .MatMul(Tensor.FromSpan<float>(b.Select(v => (float)v).ToArray(), Shape.Matrix(k, n)));
        var expected = NaiveMatMul.Multiply(a, b, m, k, n);
        NaiveMatMul.AssertClose(c.Values.ToArray().Select(v => (double)v).ToArray(), expected, 1e-6 * k, "float A·B");
    }

    [TestCase(1, 1, 1)]
    [TestCase(5, 7, 3)]
    [TestCase(19, 23, 17)]
    [TestCase(6, 1, 9)]
    [TestCase(8, 9, 1)]
    [TestCase(1, 9, 8)]
    [TestCase(120, 130, 110)]
    public void TransposedLayoutsMatchNaiveTripleLoop(int m, int k, int n)
    {
        var a = NaiveMatMul.Random(m * k, 5);
        var b = NaiveMatMul.Random(k * n, 6);
        var expected = NaiveMatMul.Multiply(a, b, m, k, n);
        var bt = NaiveMatMul.Transpose(b, k, n);
        var at = NaiveMatMul.Transpose(a, m, k);

        var c = new double[m * n];
        Gemm.MultiplyAdd<double>(a, false, bt, true, c, m, k, n, CpuParallelism.ForMachine());
        NaiveMatMul.AssertClose(c, expected, 1e-12 * k, "A·Bᵀ layout");

        c = new double[m * n];
        Gemm.MultiplyAdd<double>(at, true, b, false, c, m, k, n, CpuParallelism.ForMachine());
        NaiveMatMul.AssertClose(c, expected, 1e-12 * k, "Aᵀ·B layout");

        // The kernels accumulate: a second call doubles the result.
        Gemm.MultiplyAdd<double>(a, false, b, false, c, m, k, n, CpuParallelism.ForMachine());
        NaiveMatMul.AssertClose(c, expected.Select(v => 2 * v).ToArray(), 1e-12 * k, "accumulated product");
    }

    [Test]
    public void VectorOperandsFollowNumPyRules()
    {
        var a = NaiveMatMul.Random(12, 7);
        var v = NaiveMatMul.Random(4, 8);
        var w = NaiveMatMul.Random(3, 9);
        var matrix = Tensor.FromSpan<double>(a, Shape.Matrix(3, 4));

        var mv = matrix.MatMul(Tensor.FromVector<double>(v));
        Assert.That(mv.Shape, Is.EqualTo(Shape.Vector(3)));
        NaiveMatMul.AssertClose(mv.Values, NaiveMatMul.Multiply(a, v, 3, 4, 1), 1e-14, "A·v");

        var vm = Tensor.FromVector<double>(w).MatMul(matrix);
        Assert.That(vm.Shape, Is.EqualTo(Shape.Vector(4)));
        NaiveMatMul.AssertClose(vm.Values, NaiveMatMul.Multiply(w, a, 1, 3, 4), 1e-14, "wᵀ·A");

        var vv = Tensor.FromVector<double>(v).MatMul(Tensor.FromVector<double>(v));
        Assert.That(vv.Shape, Is.EqualTo(Shape.Scalar));
        Assert.That(vv.ToScalar(), Is.EqualTo(v.Sum(x => x * x)).Within(1e-14));
    }

    [Test]
    public void BatchedProductBroadcastsBatchAxes()
    {
        // [3, 1, 4, 5] · [2, 5, 6] → [3, 2, 4, 6]: A repeats over the second batch axis, B over the first.
        var a = NaiveMatMul.Random(3 * 4 * 5, 10);
        var b = NaiveMatMul.Random(2 * 5 * 6, 11);
        var c = Tensor.FromSpan<double>(a, new Shape(3, 1, 4, 5)).MatMul(Tensor.FromSpan<double>(b, new Shape(2, 5, 6)));
        Assert.That(c.Shape, Is.EqualTo(new Shape(3, 2, 4, 6)));
        var values = c.Values;
        for (int s = 0; s < 3; s++)
            for (int t = 0; t < 2; t++)
            {
                var expected = NaiveMatMul.Multiply(a[(s * 20)..((s + 1) * 20)], b[(t * 30)..((t + 1) * 30)], 4, 5, 6);
                NaiveMatMul.AssertClose(values.Slice((s * 2 + t) * 24, 24), expected, 1e-14, $"batch ({s}, {t})");
            }
    }

    [Test]
    public void BatchedProductWithManySmallMatricesRunsInParallelAndMatches()
    {
        const int batch = 600, m = 9, k = 14, n = 11;
        var a = NaiveMatMul.Random(batch * m * k, 12);
        var b = NaiveMatMul.Random(batch * k * n, 13);
        var c = Tensor.FromSpan<double>(a, new Shape(batch, m, k)).MatMul(Tensor.FromSpan<double>(b, new Shape(batch, k, n)));
        var values = c.Values;
        for (int t = 0; t < batch; t += 37)
        {
            var expected = NaiveMatMul.Multiply(a[(t * m * k)..((t + 1) * m * k)], b[(t * k * n)..((t + 1) * k * n)], m, k, n);
            NaiveMatMul.AssertClose(values.Slice(t * m * n, m * n), expected, 1e-13, $"batch {t}");
        }
    }

    [Test]
    public void VectorTimesBatchAndBatchTimesVector()
    {
        var v = NaiveMatMul.Random(5, 14);
        var stack = NaiveMatMul.Random(2 * 5 * 3, 15);
        var left = Tensor.FromVector<double>(v).MatMul(Tensor.FromSpan<double>(stack, new Shape(2, 5, 3)));
        Assert.That(left.Shape, Is.EqualTo(Shape.Matrix(2, 3)));
        for (int t = 0; t < 2; t++)
            NaiveMatMul.AssertClose(left.Values.Slice(t * 3, 3), NaiveMatMul.Multiply(v, stack[(t * 15)..((t + 1) * 15)], 1, 5, 3), 1e-14, "v·B_t");

        var right = Tensor.FromSpan<double>(stack, new Shape(2, 3, 5)).MatMul(Tensor.FromVector<double>(v));
        Assert.That(right.Shape, Is.EqualTo(Shape.Matrix(2, 3)));
        for (int t = 0; t < 2; t++)
            NaiveMatMul.AssertClose(right.Values.Slice(t * 3, 3), NaiveMatMul.Multiply(stack[(t * 15)..((t + 1) * 15)], v, 3, 5, 1), 1e-14, "A_t·v");
    }

    [Test]
    public void MatrixProductDerivativesMatchFiniteDifferences()
    {
        var x = NaiveMatMul.Random(12 + 8, 20);
        var weights = Tensor.FromSpan<double>(NaiveMatMul.Random(6, 21), Shape.Matrix(3, 2));
        DerivativeCheck.Check(t =>
        {
            var a = t[..12].Reshape(3, 4);
            var b = t[12..].Reshape(4, 2);
            var c = a.MatMul(b);
            return (c * c * weights).Sum() + (c * 0.3).Exp().Sum();
        }, x);
    }

    [Test]
    public void VectorProductDerivativesMatchFiniteDifferences()
    {
        var x = NaiveMatMul.Random(6 + 3 + 2, 22);
        DerivativeCheck.Check(t =>
        {
            var a = t[..6].Reshape(3, 2);
            var u = t[6..9];
            var v = t[9..];
            var av = a.MatMul(v);
            var ua = u.MatMul(a);
            return (av * av).Sum() * 0.5 + (ua * ua * ua).Sum() + u.MatMul(av);
        }, x);
    }

    [Test]
    public void BatchedBroadcastDerivativesMatchFiniteDifferences()
    {
        // A [2, 1, 2, 3] broadcasts over the second batch axis; B [3, 3, 2] is shared by the first.
        var x = NaiveMatMul.Random(12 + 18, 23);
        DerivativeCheck.Check(t =>
        {
            var a = t[..12].Reshape(2, 1, 2, 3);
            var b = t[12..].Reshape(3, 3, 2);
            var c = a.MatMul(b);
            return (c * c).Sum() + (c * 0.5).Exp().Sum();
        }, x);
    }

    [Test]
    public void GradientOfSmallProductAllocatesNothingAfterWarmUp()
    {
        var weights = Tensor.FromSpan<double>(NaiveMatMul.Random(64, 24), Shape.Matrix(8, 8));
        static Tensor<double> F(Tensor<double> t, Tensor<double> w)
        {
            var a = t.Outer(t.Exp()) + w;
            var c = a.MatMul(w).MatMul(a.Transpose());
            return (c * c).Sum() + a.MatMul(t).Dot(t);
        }
        var evaluator = new GradientEvaluator<double>(t => F(t, weights));
        var x = NaiveMatMul.Random(8, 25);
        var g = new double[8];
        for (int i = 0; i < 10; i++) evaluator.ValueAndGradient(x, g);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) evaluator.ValueAndGradient(x, g);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        DerivativeCheck.AssertClose(g, DerivativeCheck.FiniteGradient(v => DerivativeCheck.Eval(t => F(t, weights), v), x), 1e-6, "gradient");
    }

    [Test]
    public void LargeProductGradientMatchesNaiveAdjoints()
    {
        const int m = 110, k = 120, n = 100;
        var a = NaiveMatMul.Random(m * k, 26);
        var b = NaiveMatMul.Random(k * n, 27);
        var g = NaiveMatMul.Random(m * n, 28);
        var tape = new Tape<double>();
        var av = tape.Variable(a, Shape.Matrix(m, k));
        var bv = tape.Variable(b, Shape.Matrix(k, n));
        var loss = (av.MatMul(bv) * tape.Constant(g, Shape.Matrix(m, n))).Sum();
        var grads = tape.Gradient(loss, [av, bv]);
        NaiveMatMul.AssertClose(grads[0].Values, NaiveMatMul.Multiply(g, NaiveMatMul.Transpose(b, k, n), m, n, k), 1e-12 * n, "G·Bᵀ");
        NaiveMatMul.AssertClose(grads[1].Values, NaiveMatMul.Multiply(NaiveMatMul.Transpose(a, m, k), g, k, m, n), 1e-12 * m, "Aᵀ·G");
    }

    [Test]
    public void MismatchedInnerDimensionsNameBothShapes()
    {
        var a = Tensor.Zeros<double>(Shape.Matrix(2, 3));
        var b = Tensor.Zeros<double>(Shape.Matrix(4, 5));
        var ex = Assert.Throws<ShapeMismatchException>(() => a.MatMul(b));
        Assert.That(ex!.Message, Does.Contain("[2, 3]").And.Contain("[4, 5]").And.Contain("matmul"));

        var c = Tensor.Zeros<double>(new Shape(2, 3, 4));
        var d = Tensor.Zeros<double>(new Shape(3, 4, 5));
        ex = Assert.Throws<ShapeMismatchException>(() => c.MatMul(d));
        Assert.That(ex!.Message, Does.Contain("[2, 3, 4]").And.Contain("[3, 4, 5]").And.Contain("batch"));

        Assert.Throws<ShapeMismatchException>(() => Tensor.Scalar(2.0).MatMul(a));
    }
}
