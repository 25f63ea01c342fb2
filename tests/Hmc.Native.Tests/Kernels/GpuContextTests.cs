using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

public sealed class GpuContextTests
{
    [Test]
    public void ManagedCpuAndIlgpuCpuAreAlwaysPresent()
    {
        var devices = GpuContext.Shared.Devices;
        Assert.That(devices.Select(d => d.Kind), Does.Contain(Device.Cpu).And.Contain(Device.IlgpuCpu));
        Assert.That(devices[0].Kind, Is.EqualTo(Device.Cpu));
        Assert.That(devices.Where(d => d.Kind == Device.IlgpuCpu).All(d => d.MaxThreadsPerGroup > 0 && d.MemoryBytes > 0), Is.True);
        var first = GpuContext.Shared;
        var second = GpuContext.Shared;
        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void MissingDeviceErrorListsPresentDevices()
    {
        var error = Assert.Throws<DeviceNotAvailableException>(() => GpuContext.Shared.Open(Device.IlgpuCpu, 7));
        Assert.That(error!.Requested, Is.EqualTo(Device.IlgpuCpu));
        Assert.That(error.Message, Does.Contain("IlgpuCpu device #7 is not present").And.Contain("Present devices:").And.Contain("Cpu #0"));
        Assert.That(error.Present, Is.EqualTo(GpuContext.Shared.Devices));
    }

    [TestCase(Device.Cuda)]
    [TestCase(Device.OpenCL)]
    public void AbsentGpuKindErrorListsPresentDevices(Device kind)
    {
        if (GpuContext.Shared.IsAvailable(kind)) Assert.Ignore($"A {kind} device is present.");
        var error = Assert.Throws<DeviceNotAvailableException>(() => GpuContext.Shared.Open(kind));
        Assert.That(error!.Message, Does.StartWith($"No {kind} device is present").And.Contain("IlgpuCpu #0"));
    }

    [Test]
    public void ManagedCpuHasNoAccelerator()
    {
        var error = Assert.Throws<ArgumentException>(() => GpuContext.Shared.Open(Device.Cpu));
        Assert.That(error!.Message, Does.Contain("Device.IlgpuCpu"));
    }

    [Test]
    public void KernelCacheCompilesEachKernelOnce()
    {
        using var gpu = GpuContext.Shared.Open(Device.IlgpuCpu);
        using var x = gpu.Upload<float>([1f, 2f]);
        using var y = gpu.Allocate<float>(2);
        gpu.Elementwise.Unary<SquareOperation>(x.View, y.View);
        int afterFirst = gpu.Kernels.Count;
        gpu.Elementwise.Unary<SquareOperation>(x.View, y.View);
        Assert.That(gpu.Kernels.Count, Is.EqualTo(afterFirst), "second use compiles nothing");
        gpu.Elementwise.Unary<AbsOperation>(x.View, y.View);
        Assert.That(gpu.Kernels.Count, Is.EqualTo(afterFirst + 1), "another operation is another kernel");

        int loads = 0;
        var key = new KernelKey(typeof(GpuContextTests), "cache test");
        var first = gpu.Kernels.GetOrLoad(key, _ =>
        {
            loads++;
            return new Action(() => { });
        });
        var second = gpu.Kernels.GetOrLoad(key, _ =>
        {
            loads++;
            return new Action(() => { });
        });
        Assert.That(second, Is.SameAs(first));
        Assert.That(loads, Is.EqualTo(1));
    }
}
