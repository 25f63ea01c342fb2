using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;

namespace Hmc.Native.Tests.Linalg;

public class InverseTests
{
    [TestCase(1)]
    [TestCase(4)]
    [TestCase(30)]
    public void InverseMatchesMathNet(int n)
    {
        var a = LinalgFixtures.RandomMatrix(n, 100 + n);
        var inverse = LinalgFixtures.Square(a, n).Inverse();
        NaiveMatMul.AssertClose(inverse.Values, LinalgFixtures.ToMathNet(a, n, n).Inverse().ToRowMajorArray(), 1e-10, "A⁻¹");
        var identity = LinalgFixtures.Square(a, n).MatMul(inverse);
        NaiveMatMul.AssertClose(identity.Values, Tensor.Identity<double>(n).Values, 1e-11, "A·A⁻¹");
    }

    [Test]
    public void DerivativesMatchFiniteDifferences()
    {
        const int n = 3;
        var shift = Tensor.Identity<double>(n) * 2.0;
        var w = LinalgFixtures.Square(LinalgFixtures.RandomMatrix(n, 101), n);
        DerivativeCheck.Check(t =>
        {
            var inverse = (t.Reshape(n, n) + shift).Inverse();
            return (inverse * w).Sum() + (inverse * inverse).Sum();
        }, LinalgFixtures.RandomMatrix(n, 102));
    }

    [Test]
    public void NonSquareInputThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros<double>(Shape.Vector(3)).Inverse());
        Assert.That(ex!.Message, Does.Contain("square").And.Contain("[3]"));
    }
}
