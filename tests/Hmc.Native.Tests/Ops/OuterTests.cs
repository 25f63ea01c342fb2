using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class OuterTests
{
    [Test]
    public void OuterProductMatchesDefinition()
    {
        var a = NaiveMatMul.Random(3, 50);
        var b = NaiveMatMul.Random(5, 51);
        var o = Tensor.FromVector<double>(a).Outer(Tensor.FromVector<double>(b));
        Assert.That(o.Shape, Is.EqualTo(Shape.Matrix(3, 5)));
        Assert.That(o.ToArray(), Is.EqualTo(NaiveMatMul.Multiply(a, b, 3, 1, 5)));
    }

    [Test]
    public void OuterDerivativesMatchFiniteDifferences()
    {
        var x = NaiveMatMul.Random(7, 52);
        var w = Tensor.FromSpan<double>(NaiveMatMul.Random(12, 53), Shape.Matrix(3, 4));
        DerivativeCheck.Check(t =>
        {
            var o = t[..3].Outer(t[3..]);
            return (o * o * w).Sum() + o.Exp().Sum();
        }, x);
    }

    [Test]
    public void OuterOfAMatrixThrows()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros<double>(Shape.Matrix(2, 2)).Outer(Tensor.FromVector(1.0)));
        Assert.That(ex!.Message, Does.Contain("[2, 2]").And.Contain("[1]"));
    }
}
