using Hmc.Native.Gpu;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

/// <summary>
/// Momenta drawn on the device: p_i·√(M⁻¹_i) must be independent standard normals. With n = 200,000 draws the
/// sample mean, variance, fourth moment, tail mass and lag-one correlation each have a known standard error; every
/// check allows five of them.
/// </summary>
[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class MomentumKernelTests(Device device)
{
    private const int N = 200_000;

    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    [OneTimeSetUp]
    public void Open() => _ = Gpu;

    private static float[] InverseMass()
    {
        var m = new float[N];
        for (int i = 0; i < N; i++) m[i] = i % 3 == 0 ? 1f : i % 3 == 1 ? 4f : 0.25f;
        return m;
    }

    private float[] Draw(float[] inverseMass, ulong seed)
    {
        using var mass = Gpu.Upload<float>(inverseMass);
        using var momentum = Gpu.Allocate<float>(N);
        Gpu.Momentum.DrawGaussian(momentum.View, mass.View, seed);
        var p = new float[N];
        momentum.CopyToHost(p);
        return p;
    }

    [Test]
    public void ScaledDrawsAreIndependentStandardNormals()
    {
        var inverseMass = InverseMass();
        var p = Draw(inverseMass, 0x1234_5678_9ABC_DEF0UL);
        var z = new double[N];
        for (int i = 0; i < N; i++) z[i] = p[i] * Math.Sqrt(inverseMass[i]);
        Assert.That(z.All(double.IsFinite), Is.True);
        double mean = z.Average();
        double variance = z.Select(v => (v - mean) * (v - mean)).Average();
        double fourth = z.Select(v => v * v * v * v).Average();
        double tail = z.Count(v => Math.Abs(v) > 2.5) / (double)N;
        double lagOne = Enumerable.Range(0, N - 1).Sum(i => z[i] * z[i + 1]) / (N - 1);
        double expectedTail = 0.012419330651552318;
        Assert.That(Math.Abs(mean), Is.LessThan(5 / Math.Sqrt(N)), "mean");
        Assert.That(Math.Abs(variance - 1), Is.LessThan(5 * Math.Sqrt(2.0 / N)), "variance");
        Assert.That(Math.Abs(fourth - 3), Is.LessThan(5 * Math.Sqrt(96.0 / N)), "fourth moment");
        Assert.That(Math.Abs(tail - expectedTail), Is.LessThan(5 * Math.Sqrt(expectedTail * (1 - expectedTail) / N)), "P(|z| > 2.5)");
        Assert.That(Math.Abs(lagOne), Is.LessThan(5 / Math.Sqrt(N)), "lag-one correlation");
    }

    [Test]
    public void TheSeedFixesTheDraws()
    {
        var inverseMass = InverseMass();
        var first = Draw(inverseMass, 42);
        Assert.That(Draw(inverseMass, 42), Is.EqualTo(first), "same seed, same momenta");
        var other = Draw(inverseMass, 43);
        double correlation = Enumerable.Range(0, N).Sum(i => (double)first[i] * other[i] * inverseMass[i]) / N;
        Assert.That(Math.Abs(correlation), Is.LessThan(5 / Math.Sqrt(N)), "another seed gives unrelated momenta");
    }
}
