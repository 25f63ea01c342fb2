// doc:begin gpu-usings
using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Nn;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;
// doc:end gpu-usings

namespace Hmc.Native.Tests.Docs;

/// <summary>The examples of docs/gpu.md, each run and checked against what the guide says of it.</summary>
public class GpuExamples
{
    // doc:begin list-devices
    public static IReadOnlyList<DeviceInfo> ListDevices()
    {
        foreach (var device in GpuContext.Shared.Devices)
            Console.WriteLine(device);        // e.g. IlgpuCpu #0 "CPUAccelerator" (23.5 GiB, 16 threads/group)
        return GpuContext.Shared.Devices;
    }
    // doc:end list-devices

    [Test]
    public void TheManagedCpuComesFirstAndTheIlgpuCpuAcceleratorIsAlwaysPresent()
    {
        var devices = ListDevices();
        Assert.That(devices[0].Kind, Is.EqualTo(Device.Cpu));
        Assert.That(devices.Select(d => d.Kind), Does.Contain(Device.IlgpuCpu));
        Assert.That(devices[0].ToString(), Does.StartWith("Cpu #0 \"Managed SIMD"));
    }

    // doc:begin best-device
    public static float DotOnTheBestDevice(float[] a, float[] b)
    {
        var context = GpuContext.Shared;
        var kind = context.IsAvailable(Device.Cuda) ? Device.Cuda
            : context.IsAvailable(Device.OpenCL) ? Device.OpenCL
            : Device.IlgpuCpu;                                   // always present: the same kernels, run on the CPU
        using var gpu = context.Open(kind);
        using var x = gpu.Upload<float>(a);
        using var y = gpu.Upload<float>(b);
        using var result = gpu.Allocate<float>(1);
        gpu.Reductions.Dot(x.View, y.View, result.View);         // queued on the device
        return result.Read(0);                                   // the copy to the host waits for the kernel
    }
    // doc:end best-device

    [Test]
    public void TheDotProductOnTheDeviceMatchesTheHost()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 10_000).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var b = Enumerable.Range(0, 10_000).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        double expected = a.Zip(b, (u, v) => (double)u * v).Sum();
        Assert.That(DotOnTheBestDevice(a, b), Is.EqualTo(expected).Within(1e-3));
    }

    // doc:begin sample-on-a-device
    public static SamplingResult SampleACnnOnTheBestDevice(Tensor<float> images, Tensor<float> labels)
    {
        var device = GpuContext.Shared.IsAvailable(Device.Cuda) ? Device.Cuda : Device.IlgpuCpu;
        var model = new Sequential<float>(
            new Conv2d<float>(1, 2, 3), new ReLU<float>(), new MaxPool2d<float>(2), new Flatten<float>(), new Linear<float>(8, 3));
        return DeviceSampling.SampleModel(model, images, labels,
            new DeviceOptions { Device = device },              // hamiltorch's store_on_GPU; momenta drawn on the device
            options: new SampleOptions { NumSamples = 4, StepSize = 0.05, NumStepsPerSample = 3, Chains = 1, Seed = 7 });
    }
    // doc:end sample-on-a-device

    [Test]
    public void ACnnIsSampledOnTheDevice()
    {
        var images = Tensor.FromSpan<float>(Enumerable.Range(0, 4 * 36).Select(i => (float)Math.Sin(i)).ToArray(), new Shape(4, 1, 6, 6));
        var labels = Tensor.FromVector<float>(0, 1, 2, 0);
        var result = SampleACnnOnTheBestDevice(images, labels);
        Assert.That(result.Chains[0].Draws, Has.Count.EqualTo(4));
        Assert.That(result.Chains[0].Draws.All(d => d.Length == 2 * 9 + 2 + 8 * 3 + 3 && d.All(double.IsFinite)), Is.True);
    }

    // doc:begin device-leapfrog
    // L leapfrog steps for log π(θ) = −½‖θ‖² with everything on the device, the gradient −θ included.
    public static float[] TrajectoryOnTheDevice(GpuAccelerator gpu, float[] theta, float[] p, float stepSize, int steps)
    {
        using var position = gpu.Upload<float>(theta);
        using var momentum = gpu.Upload<float>(p);
        using var gradient = gpu.Allocate<float>(theta.Length);
        using var inverseMass = gpu.Upload<float>(Enumerable.Repeat(1f, theta.Length).ToArray());
        DeviceGradient gradientOfLogDensity = (x, g) => gpu.Elementwise.Unary<NegateOperation>(x, g);
        gradientOfLogDensity(position.View, gradient.View);     // Integrate expects ∇log π at the start
        gpu.Leapfrog.Integrate(position.View, momentum.View, gradient.View, inverseMass.View, stepSize, steps, gradientOfLogDensity);
        return position.ToArray();
    }
    // doc:end device-leapfrog

    [Test]
    public void TheDeviceTrajectoryIsTheLeapfrogOnTheHost()
    {
        float[] theta = [1f, -0.5f, 2f], p = [0.3f, 1f, -1f];
        using var gpu = GpuContext.Shared.Open(Device.IlgpuCpu);
        var actual = TrajectoryOnTheDevice(gpu, theta, p, 0.1f, 20);
        for (int i = 0; i < 3; i++)
        {
            double q = theta[i], m = p[i];
            for (int step = 0; step < 20; step++)
            {
                m -= 0.05 * q;
                q += 0.1 * m;
                m -= 0.05 * q;
            }
            Assert.That(actual[i], Is.EqualTo(q).Within(1e-5), $"coordinate {i}");
        }
    }

    // doc:begin missing-device
    public static string AskForAMissingDevice()
    {
        try
        {
            using var gpu = GpuContext.Shared.Open(Device.IlgpuCpu, index: 7);
            return "opened";
        }
        catch (DeviceNotAvailableException ex)
        {
            return ex.Message;      // says what was asked for and lists every device that is present
        }
    }
    // doc:end missing-device

    [Test]
    public void AMissingDeviceIsNamedWithTheDevicesPresent() =>
        Assert.That(AskForAMissingDevice(), Does.StartWith("IlgpuCpu device #7 is not present (1 IlgpuCpu device found). Present devices: Cpu #0"));
}
