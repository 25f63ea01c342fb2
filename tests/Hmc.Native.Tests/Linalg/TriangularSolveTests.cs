using Hmc.Native.Autodiff;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;

namespace Hmc.Native.Tests.Linalg;

public class TriangularSolveTests
{
    /// <summary>A well-conditioned n×n matrix whose chosen triangle is the one that matters; the other triangle holds junk that must be ignored.</summary>
    private static double[] TriangularWithJunk(int n, int seed)
    {
        var m = LinalgFixtures.RandomMatrix(n, seed);
        for (int i = 0; i < n; i++) m[i * n + i] = 2 + Math.Abs(m[i * n + i]);
        return m;
    }

    private static double[] Triangle(double[] m, int n, bool lower)
    {
        var t = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (lower ? j <= i : j >= i) t[i * n + j] = m[i * n + j];
        return t;
    }

    [TestCase(true, false, 1)]
    [TestCase(true, true, 1)]
    [TestCase(false, false, 1)]
    [TestCase(false, true, 1)]
    [TestCase(true, false, 4)]
    [TestCase(true, true, 4)]
    [TestCase(false, false, 20)]
    [TestCase(false, true, 20)]
    public void SolutionMatchesMathNet(bool lower, bool transpose, int columns)
    {
        const int n = 9;
        var m = TriangularWithJunk(n, 80);
        var b = NaiveMatMul.Random(n * columns, 81);
        var rhs = columns == 1 ? Tensor.FromVector<double>(b) : Tensor.FromSpan<double>(b, Shape.Matrix(n, columns));
        var x = LinalgFixtures.Square(m, n).TriangularSolve(rhs, lower, transpose);
        Assert.That(x.Shape, Is.EqualTo(rhs.Shape));
        var op = LinalgFixtures.ToMathNet(Triangle(m, n, lower), n, n);
        if (transpose) op = op.Transpose();
        var expected = op.Solve(LinalgFixtures.ToMathNet(b, n, columns)).ToRowMajorArray();
        NaiveMatMul.AssertClose(x.Values, expected, 1e-12, "X");
    }

    [TestCase(true, false)]
    [TestCase(true, true)]
    [TestCase(false, false)]
    [TestCase(false, true)]
    public void DerivativesMatchFiniteDifferences(bool lower, bool transpose)
    {
        const int n = 3;
        var shift = Tensor.Identity<double>(n) * 2.5;
        var x0 = NaiveMatMul.Random(n * n + n * 2 + n, 82);
        DerivativeCheck.Check(t =>
        {
            var l = t[..(n * n)].Reshape(n, n) + shift;
            var b = t[(n * n)..(n * n + 2 * n)].Reshape(n, 2);
            var v = t[(n * n + 2 * n)..];
            var x = l.TriangularSolve(b, lower, transpose);
            var y = l.TriangularSolve(v, lower, transpose);
            return (x * x).Sum() + (y * y * y).Sum();
        }, x0);
    }

    [Test]
    public void UnreadTriangleGetsNoGradient()
    {
        const int n = 4;
        var tape = new Tape<double>();
        var l = tape.Variable(TriangularWithJunk(n, 83), Shape.Matrix(n, n));
        var b = tape.Constant(NaiveMatMul.Random(n, 84), Shape.Vector(n));
        var x = l.TriangularSolve(b, lower: true);
        var g = tape.Gradient((x * x).Sum(), l).Values;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) Assert.That(g[i * n + j], Is.Zero);
    }

    [Test]
    public void MismatchedRightHandSideNamesBothShapes()
    {
        var l = Tensor.Identity<double>(3);
        var ex = Assert.Throws<ShapeMismatchException>(() => l.TriangularSolve(Tensor.Zeros<double>(Shape.Matrix(4, 2)), lower: true));
        Assert.That(ex!.Message, Does.Contain("[3, 3]").And.Contain("[4, 2]"));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros<double>(Shape.Matrix(3, 2)).TriangularSolve(Tensor.Zeros<double>(Shape.Vector(3)), lower: true));
    }
}
