using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class MatmulKernelTests(Device device)
{
    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    private BackendTolerance tolerance = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _ = Gpu;
        tolerance = BackendTolerance.For(device).Times(4);
    }

    /// <summary>C = α·op(A)·op(B) + β·C in double, from row-major A (M×K or K×M) and B (K×N or N×K).</summary>
    private static double[] Reference(float[] a, float[] b, float[] c, int m, int n, int k, bool ta, bool tb, double alpha, double beta)
    {
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += (double)a[ta ? (p * m) + i : (i * k) + p] * b[tb ? (j * k) + p : (p * n) + j];
                result[(i * n) + j] = (alpha * sum) + (beta == 0 ? 0 : beta * c[(i * n) + j]);
            }
        }

        return result;
    }

    [TestCase(17, 23, 19, false, false)]
    [TestCase(17, 23, 19, true, false)]
    [TestCase(17, 23, 19, false, true)]
    [TestCase(17, 23, 19, true, true)]
    [TestCase(1, 1, 1, false, false)]
    [TestCase(32, 16, 64, false, false)]
    public void TiledAndNaiveMatchReference(int m, int n, int k, bool transposeA, bool transposeB)
    {
        var a = TestData.Uniform(m * k, 41);
        var b = TestData.Uniform(k * n, 42);
        var c0 = TestData.Uniform(m * n, 43);
        var layout = GemmLayout.RowMajor(m, n, k, transposeA, transposeB);
        using var av = Gpu.Upload<float>(a);
        using var bv = Gpu.Upload<float>(b);
        using var c = Gpu.Upload<float>(c0);

        Gpu.Matmul.Multiply(av.View, bv.View, c.View, layout);
        tolerance.AssertClose(Reference(a, b, c0, m, n, k, transposeA, transposeB, 1, 0), c.ToArray(), "tiled");

        c.CopyFromHost(c0);
        Gpu.Matmul.Multiply(av.View, bv.View, c.View, layout, alpha: -0.5f, beta: 2f);
        tolerance.AssertClose(Reference(a, b, c0, m, n, k, transposeA, transposeB, -0.5, 2), c.ToArray(), "tiled alpha beta");

        c.CopyFromHost(c0);
        Gpu.Matmul.MultiplyNaive(av.View, bv.View, c.View, layout, alpha: -0.5f, beta: 2f);
        tolerance.AssertClose(Reference(a, b, c0, m, n, k, transposeA, transposeB, -0.5, 2), c.ToArray(), "naive alpha beta");
    }

    [Test]
    public void TiledAgreesWithNaiveOracle()
    {
        const int m = 37, n = 29, k = 41;
        var a = TestData.Uniform(m * k, 44);
        var b = TestData.Uniform(k * n, 45);
        var layout = GemmLayout.RowMajor(m, n, k);
        using var av = Gpu.Upload<float>(a);
        using var bv = Gpu.Upload<float>(b);
        using var tiled = Gpu.Allocate<float>(m * n);
        using var naive = Gpu.Allocate<float>(m * n);
        Gpu.Matmul.Multiply(av.View, bv.View, tiled.View, layout);
        Gpu.Matmul.MultiplyNaive(av.View, bv.View, naive.View, layout);
        tolerance.AssertClose(Array.ConvertAll(naive.ToArray(), v => (double)v), tiled.ToArray(), "tiled vs naive");
    }

    [Test]
    public void ZeroBetaIgnoresStaleNaNInOutput()
    {
        using var a = Gpu.Upload<float>([1f, 2f, 3f, 4f]);
        using var b = Gpu.Upload<float>([1f, 0f, 0f, 1f]);
        using var c = Gpu.Upload<float>([float.NaN, float.NaN, float.NaN, float.NaN]);
        Gpu.Matmul.Multiply(a.View, b.View, c.View, GemmLayout.RowMajor(2, 2, 2));
        Assert.That(c.ToArray(), Is.EqualTo(new[] { 1f, 2f, 3f, 4f }));
    }

    [Test]
    public void ShortOperandThrows()
    {
        using var a = Gpu.Allocate<float>(5);
        using var b = Gpu.Allocate<float>(6);
        using var c = Gpu.Allocate<float>(4);
        var error = Assert.Throws<ArgumentException>(() => Gpu.Matmul.Multiply(a.View, b.View, c.View, GemmLayout.RowMajor(2, 2, 3)));
        Assert.That(error!.Message, Does.Contain("a has 5").And.Contain("6"));
    }
}
