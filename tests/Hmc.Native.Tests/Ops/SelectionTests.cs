using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class SelectionTests
{
    [Test]
    public void WhereSelectsWithBroadcastingOfAllThreeShapes()
    {
        var cond = Tensor.FromSpan<double>([1, 0, double.NaN], new Shape(1, 3));
        var a = Tensor.FromSpan<double>([10, 20], new Shape(2, 1));
        var b = Tensor.Scalar(-1.0);
        var y = TensorOps.Where(cond, a, b);
        Assert.That(y.Shape, Is.EqualTo(new Shape(2, 3)));
        Assert.That(y.ToArray(), Is.EqualTo(new double[] { 10, -1, 10, 20, -1, 20 }));
    }

    [Test]
    public void WhereDerivativesMatchFiniteDifferences()
    {
        var cond = Tensor.FromSpan<double>([1, 0, 0, 2, 0, -1], new Shape(2, 3));
        double[] x = [0.3, -1.2, 0.8, 1.5, -0.6, 0.9, 0.4, -0.3, 1.1];
        // a: [2, 3] from the first six, b: [3] broadcast over rows from the last three.
        static Tensor<double> Pick(Tensor<double> c, Tensor<double> t) => TensorOps.Where(c, t[..6].Reshape(2, 3).Tanh(), t[6..].Exp());
        DerivativeCheck.Check(t => OpCheck.Readout(Pick(cond, t)), x);
        OpCheck.CheckThirdOrder(t => OpCheck.Readout(Pick(cond, t)), x);
    }

    [Test]
    public void WhereIgnoresAConditionRecordedOnTheTape()
    {
        // The condition is the variable itself: no gradient may flow through it.
        var grad = Derivatives.Gradient<double>(t => TensorOps.Where(t, t.Square(), -t).Sum(), [2.0, 0.0]);
        Assert.That(grad, Is.EqualTo(new[] { 4.0, -1.0 }));
    }

    [Test]
    public void MaximumAndMinimumMatchFiniteDifferences()
    {
        double[] x = [0.3, -1.2, 0.8, 1.5, -0.6, 0.9, 0.4, -0.3, 1.1];
        static Tensor<double> F(Tensor<double> t)
        {
            var a = t[..6].Reshape(2, 3);
            var b = t[6..];
            return OpCheck.Readout(a.Maximum(b).Sin() + a.Square().Minimum(b.Exp()));
        }
        DerivativeCheck.Check(F, x);
        OpCheck.CheckThirdOrder(F, x);
    }

    [Test]
    public void MaximumAndMinimumValuesAndTies()
    {
        var a = Tensor.FromVector(1.0, 5.0, 2.0, double.NaN);
        var b = Tensor.FromVector(3.0, 4.0, 2.0, 0.0);
        Assert.That(a.Maximum(b).ToArray(), Is.EqualTo(new[] { 3.0, 5.0, 2.0, double.NaN }));
        Assert.That(a.Minimum(b).ToArray(), Is.EqualTo(new[] { 1.0, 4.0, 2.0, double.NaN }));

        var tape = new Tape<double>();
        var va = tape.Variable([1.0, 5.0, 2.0]);
        var vb = tape.Variable([3.0, 4.0, 2.0]);
        var g = tape.Gradient(va.Maximum(vb).Sum(), [va, vb]);
        Assert.That(g[0].ToArray(), Is.EqualTo(new[] { 0.0, 1.0, 1.0 }), "ties go to a");
        Assert.That(g[1].ToArray(), Is.EqualTo(new[] { 1.0, 0.0, 0.0 }));
        g = tape.Gradient(va.Minimum(vb).Sum(), [va, vb]);
        Assert.That(g[0].ToArray(), Is.EqualTo(new[] { 1.0, 0.0, 1.0 }));
        Assert.That(g[1].ToArray(), Is.EqualTo(new[] { 0.0, 1.0, 0.0 }));
    }

    [Test]
    public void MaximumWithAScalarBroadcasts()
    {
        double[] x = [0.5, -0.7, 1.2, -2.0, 0.1];
        DerivativeCheck.Check(t => OpCheck.Readout(t.Maximum(t[2..3].Reshape(Shape.Scalar) * 0.25)), x);
    }
}
