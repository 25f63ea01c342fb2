using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Nn;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class MaxPool2dKernelTests(Device device)
{
    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);


    [OneTimeSetUp]
    public void Open() => _ = Gpu;

    /// <summary>Reference max pooling: the first maximum in row-major window order, NaN winning; returns values and flat argmax.</summary>
    private static (float[] Values, int[] Argmax) Reference(float[] x, Pool2dGeometry g)
    {
        var values = new float[g.OutputLength];
        var argmax = new int[g.OutputLength];
        int o = 0;
        for (int plane = 0; plane < g.Batch * g.Channels; plane++)
        for (int i = 0; i < g.OutHeight; i++)
        for (int j = 0; j < g.OutWidth; j++, o++)
        {
            int best = -1;
            for (int u = 0; u < g.KernelSize; u++)
            for (int v = 0; v < g.KernelSize; v++)
            {
                int h = (i * g.Stride) - g.Padding + u;
                int w = (j * g.Stride) - g.Padding + v;
                if (h < 0 || h >= g.Height || w < 0 || w >= g.Width) continue;
                int at = (((plane * g.Height) + h) * g.Width) + w;
                if (best < 0 || (!float.IsNaN(x[best]) && (float.IsNaN(x[at]) || x[at] > x[best]))) best = at;
            }

            values[o] = x[best];
            argmax[o] = best;
        }

        return (values, argmax);
    }

    public static IEnumerable<TestCaseData> Geometries()
    {
        yield return new TestCaseData(new Pool2dGeometry(2, 3, 7, 7, 2)).SetArgDisplayNames("2x3x7x7 k2");
        yield return new TestCaseData(new Pool2dGeometry(2, 3, 7, 7, 3, stride: 2, padding: 1)).SetArgDisplayNames("2x3x7x7 k3 s2 p1");
        yield return new TestCaseData(new Pool2dGeometry(1, 2, 6, 5, 3, stride: 1)).SetArgDisplayNames("1x2x6x5 k3 s1");
    }

    [TestCaseSource(nameof(Geometries))]
    public void ForwardAndBackwardMatchReference(Pool2dGeometry g)
    {
        var x = TestData.Uniform(g.InputLength, 61);
        x[5] = float.NaN;
        x[0] = 2f;
        x[1] = 2f;
        var (values, argmax) = Reference(x, g);
        var dy = TestData.Uniform(g.OutputLength, 62);
        var dx = new double[g.InputLength];
        for (int o = 0; o < dy.Length; o++) dx[argmax[o]] += dy[o];

        using var xv = Gpu.Upload<float>(x);
        using var y = Gpu.Allocate<float>(g.OutputLength);
        using var am = Gpu.Allocate<int>(g.OutputLength);
        using var dyv = Gpu.Upload<float>(dy);
        using var dxv = Gpu.Allocate<float>(g.InputLength);
        Gpu.Pooling.MaxForward(xv.View, y.View, am.View, g);
        Gpu.Pooling.MaxBackward(dyv.View, am.View, dxv.View, g);
        Assert.That(y.ToArray(), Is.EqualTo(values), "max values");
        Assert.That(am.ToArray(), Is.EqualTo(argmax), "argmax");
        BackendTolerance.For(device).AssertClose(dx, dxv.ToArray(), "max pool backward");
    }

    [Test]
    public void InvalidGeometryThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Pool2dGeometry(1, 1, 4, 4, 2, padding: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Pool2dGeometry(1, 1, 2, 2, 3));
    }
}
