using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class TransposeTests
{
    [TestCase(1, 1)]
    [TestCase(3, 5)]
    [TestCase(33, 70)]
    public void MatrixTransposeMatchesNaive(int rows, int columns)
    {
        var a = NaiveMatMul.Random(rows * columns, 30);
        var t = Tensor.FromSpan<double>(a, Shape.Matrix(rows, columns)).Transpose();
        Assert.That(t.Shape, Is.EqualTo(Shape.Matrix(columns, rows)));
        Assert.That(t.ToArray(), Is.EqualTo(NaiveMatMul.Transpose(a, rows, columns)));
    }

    [Test]
    public void GeneralAxesSwapMovesEveryElement()
    {
        var x = NaiveMatMul.Random(2 * 3 * 4 * 5, 31);
        var t = Tensor.FromSpan<double>(x, new Shape(2, 3, 4, 5)).Transpose(0, 2);
        Assert.That(t.Shape, Is.EqualTo(new Shape(4, 3, 2, 5)));
        var v = t.Values;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    for (int l = 0; l < 5; l++)
                        Assert.That(v[((k * 3 + j) * 2 + i) * 5 + l], Is.EqualTo(x[((i * 3 + j) * 4 + k) * 5 + l]));
    }

    [Test]
    public void DefaultTransposeSwapsTheLastTwoAxesAndLeavesVectors()
    {
        var x = NaiveMatMul.Random(2 * 3 * 4, 32);
        var t = Tensor.FromSpan<double>(x, new Shape(2, 3, 4)).Transpose();
        Assert.That(t.Shape, Is.EqualTo(new Shape(2, 4, 3)));
        Assert.That(t.Values[(1 * 4 + 2) * 3 + 1], Is.EqualTo(x[(1 * 3 + 1) * 4 + 2]));
        var v = Tensor.FromVector(1.0, 2.0);
        Assert.That(v.Transpose().ToArray(), Is.EqualTo(new[] { 1.0, 2.0 }));
    }

    [Test]
    public void TransposeDerivativesMatchFiniteDifferences()
    {
        var x = NaiveMatMul.Random(24, 33);
        var w = Tensor.FromSpan<double>(NaiveMatMul.Random(24, 34), new Shape(4, 3, 2));
        DerivativeCheck.Check(t =>
        {
            var a = t.Reshape(2, 3, 4).Transpose(0, 2);
            var b = t.Reshape(4, 6).Transpose();
            return (a * a * w).Sum() + (b.Exp() * b).Sum();
        }, x);
    }

    [Test]
    public void AxisOutsideTheShapeThrows()
    {
        var a = Tensor.Zeros<double>(Shape.Matrix(2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Transpose(0, 2));
    }
}
