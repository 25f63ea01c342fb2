using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class BroadcastingTests
{
    [Test]
    public void MatrixPlusRowVector()
    {
        var m = Tensor.FromSpan<double>([1, 2, 3, 4, 5, 6], new Shape(2, 3));
        var v = Tensor.FromVector(10.0, 20.0, 30.0);
        var y = m + v;
        Assert.That(y.Shape, Is.EqualTo(new Shape(2, 3)));
        Assert.That(y.ToArray(), Is.EqualTo(new double[] { 11, 22, 33, 14, 25, 36 }));
        DerivativeCheck.Check(t => OpCheck.Readout((t[..6].Reshape(2, 3) + t[6..]).Square()), [0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.7, -0.8, 0.9]);
    }

    [Test]
    public void ColumnTimesRowIsAnOuterProduct()
    {
        var col = Tensor.FromSpan<double>([1, 2], new Shape(2, 1));
        var row = Tensor.FromSpan<double>([3, 4, 5], new Shape(1, 3));
        var y = col * row;
        Assert.That(y.Shape, Is.EqualTo(new Shape(2, 3)));
        Assert.That(y.ToArray(), Is.EqualTo(new double[] { 3, 4, 5, 6, 8, 10 }));
        DerivativeCheck.Check(t => OpCheck.Readout(t[..2].Reshape(2, 1) * t[2..].Reshape(1, 3)), [0.5, -1.5, 2.0, 0.25, -0.75]);
    }

    [Test]
    public void ScalarWithMatrix()
    {
        var m = Tensor.FromSpan<double>([1, 2, 3, 4], new Shape(2, 2));
        var s = Tensor.Scalar(2.0);
        Assert.That((s * m).ToArray(), Is.EqualTo(new double[] { 2, 4, 6, 8 }));
        Assert.That((m - s).ToArray(), Is.EqualTo(new double[] { -1, 0, 1, 2 }));
        Assert.That((s / m).Shape, Is.EqualTo(new Shape(2, 2)));
        DerivativeCheck.Check(t =>
        {
            var scalar = t[4..].Reshape(Shape.Scalar);
            var matrix = t[..4].Reshape(2, 2);
            return OpCheck.Readout(scalar.Pow(matrix * 0.5) + matrix / scalar - scalar.Maximum(matrix));
        }, [0.3, 1.7, -0.4, 2.2, 1.3]);
    }

    [Test]
    public void SumAlongAnAxisWithAndWithoutKeepDim()
    {
        var m = Tensor.FromSpan<double>([1, 2, 3, 4, 5, 6], new Shape(2, 3));
        Assert.That(m.Sum(0).ToArray(), Is.EqualTo(new double[] { 5, 7, 9 }));
        Assert.That(m.Sum(0).Shape, Is.EqualTo(new Shape(3)));
        Assert.That(m.Sum(1, keepDim: true).Shape, Is.EqualTo(new Shape(2, 1)));
        Assert.That(m.Sum(-1, keepDim: true).ToArray(), Is.EqualTo(new double[] { 6, 15 }));
        // keepDim makes the result broadcast back against the input: rows centred on their mean.
        var centred = m - m.Sum(1, keepDim: true) / 3.0;
        Assert.That(centred.ToArray(), Is.EqualTo(new double[] { -1, 0, 1, -1, 0, 1 }));
        DerivativeCheck.Check(t =>
        {
            var x = t.Reshape(2, 3);
            return OpCheck.Readout((x - x.Mean(1, keepDim: true)).Square().Sum(0) + x.Sum(1).Sum());
        }, [0.3, -1.2, 0.8, 1.5, -0.6, 0.9]);
    }

    [Test]
    public void IncompatibleShapesNameBoth()
    {
        var a = Tensor.Zeros<double>(new Shape(2, 3));
        var b = Tensor.Zeros<double>(new Shape(2, 1, 4));
        var ex = Assert.Throws<ShapeMismatchException>(() => _ = a.Maximum(b));
        Assert.That(ex!.Message, Does.Contain("maximum").And.Contain("[2, 3]").And.Contain("[2, 1, 4]"));
        Assert.Throws<ShapeMismatchException>(() => TensorOps.Where(a, a, Tensor.Zeros<double>(new Shape(2))));
    }
}
