using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Nn;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

/// <summary>
/// Every case runs on each device with each <see cref="ConvolutionStrategy"/>: the direct kernels and the im2col
/// lowering to tiled matrix products must both match the scatter-order CPU reference.
/// </summary>
[TestFixture(Device.IlgpuCpu, ConvolutionStrategy.Direct)]
[TestFixture(Device.IlgpuCpu, ConvolutionStrategy.Lowered)]
[TestFixture(Device.IlgpuCpu, ConvolutionStrategy.Automatic)]
[TestFixture(Device.Cuda, ConvolutionStrategy.Direct)]
[TestFixture(Device.Cuda, ConvolutionStrategy.Lowered)]
[TestFixture(Device.Cuda, ConvolutionStrategy.Automatic)]
[TestFixture(Device.OpenCL, ConvolutionStrategy.Direct)]
[TestFixture(Device.OpenCL, ConvolutionStrategy.Lowered)]
[TestFixture(Device.OpenCL, ConvolutionStrategy.Automatic)]
public sealed class Conv2dKernelTests(Device device, ConvolutionStrategy strategy)
{
    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    private BackendTolerance tolerance = null!;
    private ConvolutionStrategy defaultStrategy;

    [OneTimeSetUp]
    public void Open()
    {
        _ = Gpu;
        tolerance = BackendTolerance.For(device).Times(4);
    }

    /// <summary>The accelerator is shared by every fixture of the run: select this fixture's strategy for each test only.</summary>
    [SetUp]
    public void SelectStrategy()
    {
        defaultStrategy = Gpu.Convolution.Strategy;
        Gpu.Convolution.Strategy = strategy;
    }

    [TearDown]
    public void RestoreStrategy() => Gpu.Convolution.Strategy = defaultStrategy;

    private static int In(Conv2dGeometry g, int n, int c, int h, int w) => (((((n * g.InChannels) + c) * g.Height) + h) * g.Width) + w;

    private static int Wt(Conv2dGeometry g, int f, int c, int u, int v) => (((((f * g.InChannels) + c) * g.KernelHeight) + u) * g.KernelWidth) + v;

    private static int Out(Conv2dGeometry g, int n, int f, int i, int j) => (((((n * g.OutChannels) + f) * g.OutHeight) + i) * g.OutWidth) + j;

    /// <summary>
    /// Visits every (input, weight, output) triple of the convolution once, in the scatter order: the forward sum and
    /// both gradients below are accumulated from these triples, independently of the gather order of the kernels.
    /// </summary>
    private static void ForEachTap(Conv2dGeometry g, Action<int, int, int> tap)
    {
        for (int n = 0; n < g.Batch; n++)
        for (int f = 0; f < g.OutChannels; f++)
        for (int i = 0; i < g.OutHeight; i++)
        for (int j = 0; j < g.OutWidth; j++)
        for (int c = 0; c < g.InChannels; c++)
        for (int u = 0; u < g.KernelHeight; u++)
        for (int v = 0; v < g.KernelWidth; v++)
        {
            int h = (i * g.Stride) - g.Padding + u;
            int w = (j * g.Stride) - g.Padding + v;
            if (h < 0 || h >= g.Height || w < 0 || w >= g.Width) continue;
            tap(In(g, n, c, h, w), Wt(g, f, c, u, v), Out(g, n, f, i, j));
        }
    }

    public static IEnumerable<TestCaseData> Geometries()
    {
        yield return new TestCaseData(new Conv2dGeometry(2, 3, 7, 7, 4, 3, 3)).SetArgDisplayNames("2x3x7x7 k3");
        yield return new TestCaseData(new Conv2dGeometry(2, 3, 7, 7, 4, 3, 3, stride: 2, padding: 1)).SetArgDisplayNames("2x3x7x7 k3 s2 p1");
        yield return new TestCaseData(new Conv2dGeometry(1, 2, 6, 5, 3, 2, 3, stride: 1, padding: 2)).SetArgDisplayNames("1x2x6x5 k2x3 p2");
    }

    [TestCaseSource(nameof(Geometries))]
    public void ForwardMatchesReference(Conv2dGeometry g)
    {
        var x = TestData.Uniform(g.InputLength, 51);
        var w = TestData.Uniform(g.WeightLength, 52);
        var b = TestData.Uniform(g.OutChannels, 53);
        var expected = new double[g.OutputLength];
        ForEachTap(g, (xi, wi, yi) => expected[yi] += (double)x[xi] * w[wi]);
        using var xv = Gpu.Upload<float>(x);
        using var wv = Gpu.Upload<float>(w);
        using var bv = Gpu.Upload<float>(b);
        using var y = Gpu.Allocate<float>(g.OutputLength);

        Gpu.Convolution.Forward(xv.View, wv.View, default, y.View, g);
        tolerance.AssertClose(expected, y.ToArray(), "conv forward without bias");

        int plane = g.OutHeight * g.OutWidth;
        for (int o = 0; o < expected.Length; o++) expected[o] += b[o / plane % g.OutChannels];
        Gpu.Convolution.Forward(xv.View, wv.View, bv.View, y.View, g);
        tolerance.AssertClose(expected, y.ToArray(), "conv forward with bias");
    }

    [TestCaseSource(nameof(Geometries))]
    public void BackwardMatchesReference(Conv2dGeometry g)
    {
        var x = TestData.Uniform(g.InputLength, 54);
        var w = TestData.Uniform(g.WeightLength, 55);
        var dy = TestData.Uniform(g.OutputLength, 56);
        var dx = new double[g.InputLength];
        var dw = new double[g.WeightLength];
        var db = new double[g.OutChannels];
        ForEachTap(g, (xi, wi, yi) =>
        {
            dx[xi] += (double)dy[yi] * w[wi];
            dw[wi] += (double)dy[yi] * x[xi];
        });
        int plane = g.OutHeight * g.OutWidth;
        for (int o = 0; o < dy.Length; o++) db[o / plane % g.OutChannels] += dy[o];

        using var xv = Gpu.Upload<float>(x);
        using var wv = Gpu.Upload<float>(w);
        using var dyv = Gpu.Upload<float>(dy);
        using var dxv = Gpu.Allocate<float>(g.InputLength);
        using var dwv = Gpu.Allocate<float>(g.WeightLength);
        using var dbv = Gpu.Allocate<float>(g.OutChannels);
        Gpu.Convolution.BackwardInput(dyv.View, wv.View, dxv.View, g);
        Gpu.Convolution.BackwardWeight(dyv.View, xv.View, dwv.View, g);
        Gpu.Convolution.BackwardBias(dyv.View, dbv.View, g);
        tolerance.AssertClose(dx, dxv.ToArray(), "conv backward input");
        tolerance.AssertClose(dw, dwv.ToArray(), "conv backward weight");
        tolerance.AssertClose(db, dbv.ToArray(), "conv backward bias");
    }

    [Test]
    public void BackwardIsTheAdjointOfForward()
    {
        // ⟨conv(x, w), dy⟩ = ⟨x, ∂/∂x⟩ = ⟨w, ∂/∂w⟩ for the bias-free (bilinear) convolution.
        var g = new Conv2dGeometry(2, 3, 7, 7, 4, 3, 3, stride: 2, padding: 1);
        var x = TestData.Uniform(g.InputLength, 57);
        var w = TestData.Uniform(g.WeightLength, 58);
        var dy = TestData.Uniform(g.OutputLength, 59);
        using var xv = Gpu.Upload<float>(x);
        using var wv = Gpu.Upload<float>(w);
        using var dyv = Gpu.Upload<float>(dy);
        using var y = Gpu.Allocate<float>(g.OutputLength);
        using var dxv = Gpu.Allocate<float>(g.InputLength);
        using var dwv = Gpu.Allocate<float>(g.WeightLength);
        Gpu.Convolution.Forward(xv.View, wv.View, default, y.View, g);
        Gpu.Convolution.BackwardInput(dyv.View, wv.View, dxv.View, g);
        Gpu.Convolution.BackwardWeight(dyv.View, xv.View, dwv.View, g);
        double Inner(float[] p, float[] q) => p.Zip(q, (s, t) => (double)s * t).Sum();
        double forward = Inner(y.ToArray(), dy);
        tolerance.Times(10).AssertClose([forward], [(float)Inner(x, dxv.ToArray())], "<x, dx>");
        tolerance.Times(10).AssertClose([forward], [(float)Inner(w, dwv.ToArray())], "<w, dw>");
    }

    [Test]
    public void DefaultStrategyIsDirectOnlyOnTheCpuAccelerator() =>
        Assert.That(defaultStrategy, Is.EqualTo(device == Device.IlgpuCpu ? ConvolutionStrategy.Direct : ConvolutionStrategy.Automatic));

    [Test]
    public void InvalidGeometryAndLengthsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Conv2dGeometry(1, 1, 3, 3, 1, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Conv2dGeometry(1, 0, 3, 3, 1, 1, 1));
        var g = new Conv2dGeometry(1, 1, 4, 4, 2, 3, 3);
        using var x = Gpu.Allocate<float>(15);
        using var w = Gpu.Allocate<float>(g.WeightLength);
        using var y = Gpu.Allocate<float>(g.OutputLength);
        var error = Assert.Throws<ArgumentException>(() => Gpu.Convolution.Forward(x.View, w.View, default, y.View, g));
        Assert.That(error!.Message, Does.Contain("input has 15").And.Contain("16"));
    }
}
