using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class ShapeOpTests
{
    [Test]
    public void ConcatLaysTheInputsEndToEnd()
    {
        var a = Tensor.FromSpan<double>([1, 2, 3, 4], new Shape(2, 2));
        var b = Tensor.FromSpan<double>([5, 6], new Shape(2, 1));
        var c = Tensor.FromSpan<double>([7, 8, 9, 10, 11, 12], new Shape(2, 3));
        var rows = TensorOps.Concat([a, b, c], 1);
        Assert.That(rows.Shape, Is.EqualTo(new Shape(2, 6)));
        Assert.That(rows.ToArray(), Is.EqualTo(new double[] { 1, 2, 5, 7, 8, 9, 3, 4, 6, 10, 11, 12 }));
        var stacked = TensorOps.Concat([a, b.Reshape(1, 2)], 0);
        Assert.That(stacked.Shape, Is.EqualTo(new Shape(3, 2)));
        Assert.That(stacked.ToArray(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(TensorOps.Concat([a, b], -1).Shape, Is.EqualTo(new Shape(2, 3)));
    }

    [Test]
    public void StackAddsANewAxis()
    {
        var a = Tensor.FromVector(1.0, 2.0, 3.0);
        var b = Tensor.FromVector(4.0, 5.0, 6.0);
        var s0 = TensorOps.Stack([a, b], 0);
        Assert.That(s0.Shape, Is.EqualTo(new Shape(2, 3)));
        Assert.That(s0.ToArray(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));
        var s1 = TensorOps.Stack([a, b], -1);
        Assert.That(s1.Shape, Is.EqualTo(new Shape(3, 2)));
        Assert.That(s1.ToArray(), Is.EqualTo(new double[] { 1, 4, 2, 5, 3, 6 }));
        var scalars = TensorOps.Stack([Tensor.Scalar(1.0), Tensor.Scalar(2.0)], 0);
        Assert.That(scalars.Shape, Is.EqualTo(new Shape(2)));
    }

    [Test]
    public void ConcatAndStackOfManyInputsMatchFiniteDifferences()
    {
        double[] x = [0.3, -1.2, 0.8, 1.5, -0.6, 0.9, 0.4, -0.3, 1.1, 0.7];
        // Seven pieces (more than one operand holder node), mixing tape tensors and a constant.
        static Tensor<double> Concat(Tensor<double> t)
        {
            var m = t[..6].Reshape(3, 2);
            var col = t[6..9].Reshape(3, 1);
            var constant = Tensor.FromSpan<double>([0.5, -0.5, 2.0], new Shape(3, 1));
            var joined = TensorOps.Concat([m.Tanh(), col, constant, m.Square(), col.Exp(), m, col * t[9..]], 1);
            return OpCheck.Readout(joined.Sin());
        }
        static Tensor<double> Stack(Tensor<double> t)
        {
            var pieces = new Tensor<double>[5];
            for (int i = 0; i < 5; i++) pieces[i] = t[(2 * i)..(2 * i + 2)] * (i + 1.0);
            return OpCheck.Readout(TensorOps.Stack(pieces, 1).Sin() * TensorOps.Stack(pieces, 0).Reshape(2, 5).Cos());
        }
        DerivativeCheck.Check(Concat, x);
        DerivativeCheck.Check(Stack, x);
        OpCheck.CheckThirdOrder(Concat, x);
        OpCheck.CheckThirdOrder(Stack, x);
    }

    [Test]
    public void SingleInputConcatIsTheInputItself()
    {
        var tape = new Tape<double>();
        var x = tape.Variable([1.0, 2.0]);
        var y = TensorOps.Concat([x], 0);
        Assert.That(y.Id, Is.EqualTo(x.Id));
    }

    [Test]
    public void UnsqueezeAndSqueezeInsertAndRemoveAxes()
    {
        var x = Tensor.FromSpan<double>([1, 2, 3, 4, 5, 6], new Shape(2, 3));
        Assert.That(x.Unsqueeze(0).Shape, Is.EqualTo(new Shape(1, 2, 3)));
        Assert.That(x.Unsqueeze(1).Shape, Is.EqualTo(new Shape(2, 1, 3)));
        Assert.That(x.Unsqueeze(2).Shape, Is.EqualTo(new Shape(2, 3, 1)));
        Assert.That(x.Unsqueeze(-1).Shape, Is.EqualTo(new Shape(2, 3, 1)));
        Assert.That(x.Unsqueeze(-3).Shape, Is.EqualTo(new Shape(1, 2, 3)));
        Assert.That(x.Unsqueeze(1).Squeeze(1).Shape, Is.EqualTo(new Shape(2, 3)));
        Assert.That(x.Unsqueeze(-1).Squeeze(-1).ToArray(), Is.EqualTo(x.ToArray()));
        Assert.That(Tensor.Scalar(2.0).Unsqueeze(0).Shape, Is.EqualTo(new Shape(1)));
        DerivativeCheck.Check(t => OpCheck.Readout((t.Unsqueeze(0) * t.Unsqueeze(1)).Unsqueeze(2).Squeeze(-1).Tanh()), [0.2, -0.5, 1.0]);
    }

    [Test]
    public void InvalidShapeOpsThrowClearly()
    {
        var a = Tensor.Zeros<double>(new Shape(2, 3));
        var b = Tensor.Zeros<double>(new Shape(4, 5));
        var ex = Assert.Throws<ShapeMismatchException>(() => TensorOps.Concat([a, b], 0));
        Assert.That(ex!.Message, Does.Contain("concat").And.Contain("[2, 3]").And.Contain("[4, 5]").And.Contain("axis 0"));
        ex = Assert.Throws<ShapeMismatchException>(() => TensorOps.Concat([a, Tensor.Zeros<double>(new Shape(6))], 0));
        Assert.That(ex!.Message, Does.Contain("[2, 3]").And.Contain("[6]"));
        ex = Assert.Throws<ShapeMismatchException>(() => TensorOps.Stack([a, Tensor.Zeros<double>(new Shape(3, 2))], 0));
        Assert.That(ex!.Message, Does.Contain("stack").And.Contain("[2, 3]").And.Contain("[3, 2]"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorOps.Concat([a, a], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorOps.Stack([a, a], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorOps.Stack([a, a], -4));
        Assert.That(Assert.Throws<ArgumentException>(() => TensorOps.Concat(ReadOnlySpan<Tensor<double>>.Empty, 0))!.Message, Does.Contain("no tensors"));
        Assert.That(Assert.Throws<ArgumentException>(() => TensorOps.Concat([Tensor.Scalar(1.0), Tensor.Scalar(2.0)], 0))!.Message, Does.Contain("Stack"));
        Assert.That(Assert.Throws<ArgumentException>(() => TensorOps.Concat([a, default], 0))!.Message, Does.Contain("tensors[1]"));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Unsqueeze(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Unsqueeze(-4));
        var squeeze = Assert.Throws<ArgumentException>(() => a.Squeeze(1));
        Assert.That(squeeze!.Message, Does.Contain("size 3"));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Squeeze(2));
    }

    [Test]
    public void OperandsFromTwoTapesAreRejected()
    {
        var x = new Tape<double>().Variable([1.0]);
        var y = new Tape<double>().Variable([2.0]);
        Assert.Throws<AutodiffException>(() => TensorOps.Concat([x, y], 0));
    }
}
