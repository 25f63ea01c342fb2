using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;

namespace Hmc.Native.Tests.Linalg;

public class SolveTests
{
    [TestCase(1, 1)]
    [TestCase(5, 1)]
    [TestCase(12, 3)]
    [TestCase(40, 25)]
    public void SolutionMatchesMathNet(int n, int columns)
    {
        var a = LinalgFixtures.RandomMatrix(n, 90 + n);
        var b = NaiveMatMul.Random(n * columns, 91);
        var rhs = columns == 1 ? Tensor.FromVector<double>(b) : Tensor.FromSpan<double>(b, Shape.Matrix(n, columns));
        var x = LinalgFixtures.Square(a, n).Solve(rhs);
        var expected = LinalgFixtures.ToMathNet(a, n, n).Solve(LinalgFixtures.ToMathNet(b, n, columns)).ToRowMajorArray();
        NaiveMatMul.AssertClose(x.Values, expected, 1e-10, "X");
    }

    [Test]
    public void DerivativesMatchFiniteDifferences()
    {
        const int n = 3;
        var shift = Tensor.Identity<double>(n) * 2.0;
        DerivativeCheck.Check(t =>
        {
            var a = t[..(n * n)].Reshape(n, n) + shift;
            var b = t[(n * n)..(n * n + 2 * n)].Reshape(n, 2);
            var v = t[(n * n + 2 * n)..];
            var x = a.Solve(b);
            var y = a.Solve(v);
            return (x * x).Sum() + (y * y * y).Sum() + y.Dot(v);
        }, NaiveMatMul.Random(n * n + 3 * n, 92));
    }

    [Test]
    public void SingularMatrixGivesNonFiniteSolution()
    {
        var x = LinalgFixtures.Square([1, 2, 2, 4], 2).Solve(Tensor.FromVector(1.0, 1.0));
        Assert.That(x.ToArray().Any(v => !double.IsFinite(v)), Is.True);
    }

    [Test]
    public void MismatchedRightHandSideNamesBothShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Identity<double>(3).Solve(Tensor.Zeros<double>(Shape.Vector(2))));
        Assert.That(ex!.Message, Does.Contain("[3, 3]").And.Contain("[2]"));
        var square = Assert.Throws<ArgumentException>(() => Tensor.Zeros<double>(Shape.Matrix(2, 3)).Solve(Tensor.Zeros<double>(Shape.Vector(2))));
        Assert.That(square!.Message, Does.Contain("[2, 3]"));
    }
}
