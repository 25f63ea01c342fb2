using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class LeapfrogKernelTests(Device device)
{
    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    private BackendTolerance tolerance = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _ = Gpu;
        tolerance = BackendTolerance.For(device);
    }

    [Test]
    public void KickDriftAndFusedKickDriftMatchReference()
    {
        const int n = 50;
        var theta = TestData.Uniform(n, 81);
        var p = TestData.Uniform(n, 82);
        var g = TestData.Uniform(n, 83);
        var inverseMass = TestData.Uniform(n, 84, 0.2f, 2f);
        const float kick = 0.05f, eps = 0.1f;
        var pExpected = new double[n];
        var thetaExpected = new double[n];
        for (int i = 0; i < n; i++)
        {
            pExpected[i] = p[i] + (kick * g[i]);
            thetaExpected[i] = theta[i] + (eps * inverseMass[i] * pExpected[i]);
        }

        using var thetaView = Gpu.Upload<float>(theta);
        using var pView = Gpu.Upload<float>(p);
        using var gView = Gpu.Upload<float>(g);
        using var mView = Gpu.Upload<float>(inverseMass);
        Gpu.Leapfrog.KickDrift(thetaView.View, pView.View, gView.View, mView.View, kick, eps);
        tolerance.AssertClose(pExpected, pView.ToArray(), "fused momentum");
        tolerance.AssertClose(thetaExpected, thetaView.ToArray(), "fused position");

        thetaView.CopyFromHost(theta);
        pView.CopyFromHost(p);
        Gpu.Leapfrog.Kick(pView.View, gView.View, kick);
        Gpu.Leapfrog.Drift(thetaView.View, pView.View, mView.View, eps);
        tolerance.AssertClose(pExpected, pView.ToArray(), "kick");
        tolerance.AssertClose(thetaExpected, thetaView.ToArray(), "drift");
    }

    /// <summary>∇log π for π = N(0, diag(σ²)): g = −θ ⊙ σ⁻², computed on the device.</summary>
    private DeviceGradient GaussianGradient(GpuBuffer<float> negativePrecision) =>
        (position, gradient) => Gpu.Elementwise.Binary<MultiplyOperation>(position, negativePrecision.View, gradient);

    [Test]
    public void TrajectoryOnDeviceMatchesHostLeapfrogAndIsReversible()
    {
        const int n = 20, steps = 15;
        const float eps = 0.12f;
        var theta0 = TestData.Uniform(n, 85, -2f, 2f);
        var p0 = TestData.Uniform(n, 86, -2f, 2f);
        var sigma = TestData.Uniform(n, 87, 0.5f, 2f);
        var inverseMass = TestData.Uniform(n, 88, 0.5f, 1.5f);
        var negativePrecision = Array.ConvertAll(sigma, s => -1f / (s * s));

        var theta = Array.ConvertAll(theta0, v => (double)v);
        var p = Array.ConvertAll(p0, v => (double)v);
        for (int s = 0; s < steps; s++)
        {
            for (int i = 0; i < n; i++) p[i] += 0.5 * eps * negativePrecision[i] * theta[i];
            for (int i = 0; i < n; i++) theta[i] += eps * inverseMass[i] * p[i];
            for (int i = 0; i < n; i++) p[i] += 0.5 * eps * negativePrecision[i] * theta[i];
        }

        using var precision = Gpu.Upload<float>(negativePrecision);
        using var thetaView = Gpu.Upload<float>(theta0);
        using var pView = Gpu.Upload<float>(p0);
        using var gView = Gpu.Allocate<float>(n);
        using var mView = Gpu.Upload<float>(inverseMass);
        var gradient = GaussianGradient(precision);
        gradient(thetaView.View, gView.View);
        Gpu.Leapfrog.Integrate(thetaView.View, pView.View, gView.View, mView.View, eps, steps, gradient);
        var tol = tolerance.Times(20);
        tol.AssertClose(theta, thetaView.ToArray(), "trajectory position");
        tol.AssertClose(p, pView.ToArray(), "trajectory momentum");

        // Time reversibility: negate p, integrate again, and arrive back at (θ₀, −p₀).
        Gpu.Elementwise.Unary<NegateOperation>(pView.View, pView.View);
        Gpu.Leapfrog.Integrate(thetaView.View, pView.View, gView.View, mView.View, eps, steps, gradient);
        tol.AssertClose(Array.ConvertAll(theta0, v => (double)v), thetaView.ToArray(), "reversed position");
        tol.AssertClose(Array.ConvertAll(p0, v => -(double)v), pView.ToArray(), "reversed momentum");
    }

    [Test]
    public void NonPositiveStepCountThrows()
    {
        using var v = Gpu.Allocate<float>(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gpu.Leapfrog.Integrate(v.View, v.View, v.View, v.View, 0.1f, 0, (_, _) => { }));
    }
}
