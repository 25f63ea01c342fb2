using Hmc.Native.Autodiff;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Nn;

public class LinearOpTests
{
    [TestCase(1, 1, 1)]
    [TestCase(7, 5, 3)]
    [TestCase(13, 37, 19)]
    [TestCase(64, 300, 130)]
    public void ForwardAndBackwardMatchTheDirectLoops(int rows, int inFeatures, int outFeatures)
    {
        var x = NaiveLayers.Random(rows * inFeatures, 1);
        var w = NaiveLayers.Random(outFeatures * inFeatures, 2);
        var b = NaiveLayers.Random(outFeatures, 3);
        var expected = NaiveLayers.Linear(x, rows, inFeatures, w, b, outFeatures);
        var gy = NaiveLayers.Random(expected.Length, 4);
        var (dx, dw, db) = NaiveLayers.LinearBackward(x, rows, inFeatures, w, outFeatures, gy);

        var tape = new Tape<double>();
        var xv = tape.Variable(x, new Shape(rows, inFeatures));
        var wv = tape.Variable(w, new Shape(outFeatures, inFeatures));
        var bv = tape.Variable(b);
        var y = xv.Linear(wv, bv);
        Assert.That(y.Shape, Is.EqualTo(new Shape(rows, outFeatures)));
        DerivativeCheck.AssertClose(y.ToArray(), expected, 1e-12, "linear forward");
        var grads = tape.Gradient((y * tape.Constant(gy, y.Shape)).Sum(), [xv, wv, bv]);
        DerivativeCheck.AssertClose(grads[0].ToArray(), dx, 1e-12, "∂/∂x");
        DerivativeCheck.AssertClose(grads[1].ToArray(), dw, 1e-12, "∂/∂W");
        DerivativeCheck.AssertClose(grads[2].ToArray(), db, 1e-12, "∂/∂b");
    }

    [Test]
    public void LeadingAxesAreBatchAxesAndTheBiasIsOptional()
    {
        var x = NaiveLayers.Random(2 * 3 * 4, 5);
        var w = NaiveLayers.Random(5 * 4, 6);
        var y = Tensor.FromSpan<double>(x, new Shape(2, 3, 4)).Linear(Tensor.FromSpan<double>(w, new Shape(5, 4)));
        Assert.That(y.Shape, Is.EqualTo(new Shape(2, 3, 5)));
        DerivativeCheck.AssertClose(y.ToArray(), NaiveLayers.Linear(x, 6, 4, w, null, 5), 1e-12, "rank-3 linear");
        var v = Tensor.FromSpan<double>(x.AsSpan(0, 4), Shape.Vector(4)).Linear(Tensor.FromSpan<double>(w, new Shape(5, 4)));
        Assert.That(v.Shape, Is.EqualTo(Shape.Vector(5)));
    }

    [Test]
    public void SinglePrecisionMatchesTheDirectLoops()
    {
        var x = NaiveLayers.Random(9 * 70, 7);
        var w = NaiveLayers.Random(33 * 70, 8);
        var b = NaiveLayers.Random(33, 9);
        var y = Tensor.FromSpan(F(x), new Shape(9, 70)).Linear(Tensor.FromSpan(F(w), new Shape(33, 70)), Tensor.FromSpan(F(b), Shape.Vector(33)));
        DerivativeCheck.AssertClose(y.ToArray().Select(v => (double)v).ToArray(), NaiveLayers.Linear(x, 9, 70, w, b, 33), 1e-5, "float linear");
    }

    [Test]
    public void GradientsMatchFiniteDifferences()
    {
        var x = NaiveLayers.Random(3 * 4, 10);
        var w = NaiveLayers.Random(2 * 4, 11);
        var b = NaiveLayers.Random(2, 12);
        var r = NaiveLayers.Random(3 * 2, 13);
        Tensor<double> Loss(Tensor<double> input, Tensor<double> weight, Tensor<double> bias) =>
            (input.Linear(weight, bias) * Tensor.FromSpan<double>(r, new Shape(3, 2))).Sum();
        DerivativeCheck.Check(t => Loss(t.Reshape(3, 4), Tensor.FromSpan<double>(w, new Shape(2, 4)), Tensor.FromVector<double>(b)), x, secondOrder: false);
        double[] parameters = [.. w, .. b];
        DerivativeCheck.Check(t => Loss(Tensor.FromSpan<double>(x, new Shape(3, 4)), t[..8].Reshape(2, 4), t[8..]), parameters, secondOrder: false);
    }

    [Test]
    public void InvalidShapesThrow()
    {
        var w = Tensor.Zeros<double>(new Shape(2, 4));
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros<double>(new Shape(3, 5)).Linear(w));
        Assert.That(ex!.Message, Does.Contain("4 input features"));
        Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros<double>(new Shape(3, 4)).Linear(w, Tensor.Zeros<double>(Shape.Vector(4))));
        Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros<double>(new Shape(3, 4)).Linear(Tensor.Zeros<double>(Shape.Vector(4))));
    }

    private static float[] F(double[] v) => v.Select(d => (float)d).ToArray();
}
