using Hmc.Native.Autodiff;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Nn;

public class Conv2dOpTests
{
    // (batch, channels, height, width, outChannels, kernel, stride, padding)
    private static readonly object[] Geometries =
    [
        new object[] { 2, 3, 7, 6, 4, 3, 2, 1 },
        new object[] { 3, 2, 9, 9, 5, 3, 1, 0 },
        new object[] { 1, 1, 5, 8, 2, 1, 1, 0 },
        new object[] { 2, 2, 6, 7, 3, 2, 3, 2 },
        new object[] { 1, 3, 4, 4, 2, 4, 1, 1 },
        new object[] { 16, 4, 16, 16, 8, 3, 1, 1 },
        new object[] { 3, 3, 12, 11, 4, 5, 1, 0 },
        new object[] { 2, 2, 9, 10, 3, 5, 2, 2 },
    ];

    [TestCaseSource(nameof(Geometries))]
    public void ForwardAndBackwardMatchTheDirectLoops(int batch, int channels, int height, int width, int outChannels, int k, int stride, int padding)
    {
        var x = NaiveLayers.Random(batch * channels * height * width, 1);
        var w = NaiveLayers.Random(outChannels * channels * k * k, 2);
        var b = NaiveLayers.Random(outChannels, 3);
        var expected = NaiveLayers.Conv2d(x, batch, channels, height, width, w, b, outChannels, k, stride, padding, out int outH, out int outW);
        var gy = NaiveLayers.Random(expected.Length, 4);
        var (dx, dw, db) = NaiveLayers.Conv2dBackward(x, batch, channels, height, width, w, outChannels, k, stride, padding, gy);

        var tape = new Tape<double>();
        var xv = tape.Variable(x, new Shape(batch, channels, height, width));
        var wv = tape.Variable(w, new Shape(outChannels, channels, k, k));
        var bv = tape.Variable(b);
        var y = xv.Conv2d(wv, bv, stride, padding);
        Assert.That(y.Shape, Is.EqualTo(new Shape(batch, outChannels, outH, outW)));
        DerivativeCheck.AssertClose(y.ToArray(), expected, 1e-12, "conv2d forward");
        var loss = (y * tape.Constant(gy, y.Shape)).Sum();
        var grads = tape.Gradient(loss, [xv, wv, bv]);
        DerivativeCheck.AssertClose(grads[0].ToArray(), dx, 1e-12, "∂/∂x");
        DerivativeCheck.AssertClose(grads[1].ToArray(), dw, 1e-12, "∂/∂W");
        DerivativeCheck.AssertClose(grads[2].ToArray(), db, 1e-12, "∂/∂b");
    }

    [Test]
    public void WithoutBiasAndOnConstantsMatchesTheDirectLoops()
    {
        var x = NaiveLayers.Random(2 * 3 * 6 * 5, 5);
        var w = NaiveLayers.Random(2 * 3 * 3 * 3, 6);
        var expected = NaiveLayers.Conv2d(x, 2, 3, 6, 5, w, null, 2, 3, 2, 1, out _, out _);
        var y = Tensor.FromSpan<double>(x, new Shape(2, 3, 6, 5)).Conv2d(Tensor.FromSpan<double>(w, new Shape(2, 3, 3, 3)), stride: 2, padding: 1);
        Assert.That(y.IsOnTape, Is.False);
        DerivativeCheck.AssertClose(y.ToArray(), expected, 1e-12, "conv2d without bias");
    }

    [TestCase(3, 2, 9, 8, 4, 3, 2, 1)]
    [TestCase(4, 3, 14, 13, 6, 5, 1, 0)]
    [TestCase(2, 2, 11, 12, 3, 5, 1, 2)]
    public void SinglePrecisionMatchesTheDirectLoops(int batch, int channels, int height, int width, int outChannels, int k, int stride, int padding)
    {
        var x = NaiveLayers.Random(batch * channels * height * width, 7);
        var w = NaiveLayers.Random(outChannels * channels * k * k, 8);
        var b = NaiveLayers.Random(outChannels, 9);
        var expected = NaiveLayers.Conv2d(x, batch, channels, height, width, w, b, outChannels, k, stride, padding, out _, out _);
        var gy = NaiveLayers.Random(expected.Length, 10);
        var (dx, dw, db) = NaiveLayers.Conv2dBackward(x, batch, channels, height, width, w, outChannels, k, stride, padding, gy);
        var tape = new Tape<float>();
        var xv = tape.Variable(F(x), new Shape(batch, channels, height, width));
        var wv = tape.Variable(F(w), new Shape(outChannels, channels, k, k));
        var bv = tape.Variable(F(b));
        var y = xv.Conv2d(wv, bv, stride, padding);
        DerivativeCheck.AssertClose(D(y.ToArray()), expected, 1e-5, "float conv2d");
        var grads = tape.Gradient((y * tape.Constant(F(gy), y.Shape)).Sum(), [xv, wv, bv]);
        DerivativeCheck.AssertClose(D(grads[0].ToArray()), dx, 1e-4, "float ∂/∂x");
        DerivativeCheck.AssertClose(D(grads[1].ToArray()), dw, 1e-4, "float ∂/∂W");
        DerivativeCheck.AssertClose(D(grads[2].ToArray()), db, 1e-4, "float ∂/∂b");
    }

    [Test]
    public void GradientsMatchFiniteDifferences()
    {
        var shape = new Shape(2, 2, 5, 4);
        var wShape = new Shape(3, 2, 3, 3);
        var x = NaiveLayers.Random(shape.Length, 10);
        var w = NaiveLayers.Random(wShape.Length, 11);
        var b = NaiveLayers.Random(3, 12);
        var r = NaiveLayers.Random(2 * 3 * 3 * 2, 13);
        Tensor<double> Loss(Tensor<double> input, Tensor<double> weight, Tensor<double> bias)
        {
            var y = input.Conv2d(weight, bias, stride: 2, padding: 1);
            return (y * Tensor.FromSpan<double>(r, y.Shape)).Sum();
        }
        DerivativeCheck.Check(t => Loss(t.Reshape(shape), Tensor.FromSpan<double>(w, wShape), Tensor.FromVector<double>(b)), x, secondOrder: false);
        double[] parameters = [.. w, .. b];
        DerivativeCheck.Check(t => Loss(Tensor.FromSpan<double>(x, shape), t[..wShape.Length].Reshape(wShape), t[wShape.Length..]), parameters, secondOrder: false);
    }

    [Test]
    public void InvalidShapesThrowWithTheShapesInTheMessage()
    {
        var w = Tensor.Zeros<double>(new Shape(4, 3, 3, 3));
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros<double>(new Shape(1, 2, 8, 8)).Conv2d(w));
        Assert.That(ex!.Message, Does.Contain("3 input channels").And.Contain("[1, 2, 8, 8]"));
        ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros<double>(new Shape(1, 3, 2, 8)).Conv2d(w));
        Assert.That(ex!.Message, Does.Contain("smaller than the 3×3 kernel"));
        Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros<double>(new Shape(3, 8, 8)).Conv2d(w));
        Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros<double>(new Shape(1, 3, 8, 8)).Conv2d(w, Tensor.Zeros<double>(Shape.Vector(3))));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros<double>(new Shape(1, 3, 8, 8)).Conv2d(w, stride: 0));
    }

    private static float[] F(double[] v) => v.Select(d => (float)d).ToArray();

    private static double[] D(float[] v) => v.Select(f => (double)f).ToArray();
}
