using Hmc.Native.Autodiff;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Nn;

public class PoolingOpTests
{
    private static Tensor<double> Pool(Tensor<double> x, bool max, int k, int? stride) => max ? x.MaxPool2d(k, stride) : x.AvgPool2d(k, stride);

    // (batch, channels, height, width, kernel, stride)
    private static readonly object[] Geometries =
    [
        new object[] { 2, 3, 8, 8, 2, 2 },
        new object[] { 1, 2, 7, 9, 2, 2 },
        new object[] { 2, 1, 9, 7, 3, 2 },
        new object[] { 1, 2, 5, 6, 3, 1 },
        new object[] { 3, 2, 6, 6, 1, 1 },
        new object[] { 40, 20, 24, 24, 2, 2 },
    ];

    [TestCaseSource(nameof(Geometries))]
    public void ForwardAndBackwardMatchTheDirectLoops(int batch, int channels, int height, int width, int k, int stride)
    {
        int planes = batch * channels;
        var x = NaiveLayers.Random(planes * height * width, 1);
        foreach (bool max in new[] { true, false })
        {
            var expected = NaiveLayers.Pool(x, planes, height, width, k, stride, max);
            var gy = NaiveLayers.Random(expected.Length, 2);
            var tape = new Tape<double>();
            var xv = tape.Variable(x, new Shape(batch, channels, height, width));
            var y = Pool(xv, max, k, stride);
            Assert.That(y.Shape, Is.EqualTo(new Shape(batch, channels, (height - k) / stride + 1, (width - k) / stride + 1)));
            string name = max ? "max pool" : "avg pool";
            DerivativeCheck.AssertClose(y.ToArray(), expected, 1e-12, name);
            var g = tape.Gradient((y * tape.Constant(gy, y.Shape)).Sum(), xv);
            DerivativeCheck.AssertClose(g.ToArray(), NaiveLayers.PoolBackward(x, planes, height, width, k, stride, max, gy), 1e-12, name + " gradient");
        }
    }

    [Test]
    public void GradientsMatchFiniteDifferences()
    {
        var x = NaiveLayers.Random(2 * 7 * 6, 3);
        var r = NaiveLayers.Random(2 * 3 * 2, 4);
        foreach (bool max in new[] { true, false })
            DerivativeCheck.Check(t => (Pool(t.Reshape(2, 7, 6), max, 3, 2) * Tensor.FromSpan<double>(r, new Shape(2, 3, 2))).Sum(), x, secondOrder: false);
    }

    [Test]
    public void MaxPoolSendsTiesToTheFirstMaximumAndPropagatesNaN()
    {
        double[] x =
        [
            1, 1, 0, 5,
            1, 0, 5, 5,
            double.NaN, 2, 3, 3,
            7, double.NaN, 3, 3,
        ];
        var tape = new Tape<double>();
        var xv = tape.Variable(x, new Shape(1, 4, 4));
        var y = xv.MaxPool2d(2);
        Assert.That(y.ToArray()[..2], Is.EqualTo(new[] { 1.0, 5.0 }));
        Assert.That(double.IsNaN(y.ToArray()[2]), Is.True);
        Assert.That(y.ToArray()[3], Is.EqualTo(3.0));
        var g = tape.Gradient(y.Sum(), xv).ToArray();
        Assert.That(g, Is.EqualTo(new double[]
        {
            1, 0, 0, 1,
            0, 0, 0, 0,
            1, 0, 1, 0,
            0, 0, 0, 0,
        }));
    }

    [Test]
    public void SinglePrecisionMatchesTheDirectLoops()
    {
        var x = NaiveLayers.Random(3 * 10 * 11, 5);
        var xf = Tensor.FromSpan(x.Select(v => (float)v).ToArray(), new Shape(3, 10, 11));
        DerivativeCheck.AssertClose(xf.MaxPool2d(3, 2).ToArray().Select(v => (double)v).ToArray(), NaiveLayers.Pool(x, 3, 10, 11, 3, 2, true), 1e-6, "float max pool");
        DerivativeCheck.AssertClose(xf.AvgPool2d(2).ToArray().Select(v => (double)v).ToArray(), NaiveLayers.Pool(x, 3, 10, 11, 2, 2, false), 1e-6, "float avg pool");
    }

    [Test]
    public void InvalidArgumentsThrowClearly()
    {
        var x = Tensor.Zeros<double>(new Shape(1, 1, 3, 3));
        var ex = Assert.Throws<ArgumentException>(() => x.MaxPool2d(4));
        Assert.That(ex!.Message, Does.Contain("smaller than the 4×4 window"));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros<double>(new Shape(3, 3)).AvgPool2d(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.AvgPool2d(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.MaxPool2d(2, 0));
    }
}
