using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class DotTests
{
    [Test]
    public void DotIsTheSumOfProducts()
    {
        var a = NaiveMatMul.Random(37, 40);
        var b = NaiveMatMul.Random(37, 41);
        var d = Tensor.FromVector<double>(a).Dot(Tensor.FromVector<double>(b));
        Assert.That(d.Shape, Is.EqualTo(Shape.Scalar));
        Assert.That(d.ToScalar(), Is.EqualTo(a.Zip(b, (x, y) => x * y).Sum()).Within(1e-13));
    }

    [Test]
    public void DotDerivativesMatchFiniteDifferences()
    {
        var x = NaiveMatMul.Random(8, 42);
        DerivativeCheck.Check(t =>
        {
            var u = t[..4];
            var v = t[4..];
            var d = u.Dot(v);
            return d * d + u.Dot(u.Exp());
        }, x);
    }

    [Test]
    public void DotOfDifferentLengthsNamesBothShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.FromVector(1.0, 2.0).Dot(Tensor.FromVector(1.0, 2.0, 3.0)));
        Assert.That(ex!.Message, Does.Contain("[2]").And.Contain("[3]"));
        Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros<double>(Shape.Matrix(2, 2)).Dot(Tensor.FromVector(1.0, 2.0)));
    }
}
