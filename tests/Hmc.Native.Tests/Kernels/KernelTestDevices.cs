using Hmc.Native.Gpu;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

/// <summary>
/// Opens one accelerator per device for all kernel tests (so kernels compile once per run) and disposes them at
/// the end. A device that is not present makes the fixtures that ask for it ignored.
/// </summary>
[SetUpFixture]
public sealed class KernelTestDevices
{
    private static readonly Dictionary<Device, GpuAccelerator> Open = [];

    public static GpuAccelerator Accelerator(Device device)
    {
        lock (Open)
        {
            if (Open.TryGetValue(device, out var gpu)) return gpu;
            if (!GpuContext.Shared.IsAvailable(device))
            {
                Assert.Ignore($"No {device} device on this machine. Present: {string.Join("; ", GpuContext.Shared.Devices)}");
            }

            gpu = GpuContext.Shared.Open(device);
            Open[device] = gpu;
            return gpu;
        }
    }

    [OneTimeTearDown]
    public void DisposeAccelerators()
    {
        lock (Open)
        {
            foreach (var gpu in Open.Values) gpu.Dispose();
            Open.Clear();
        }
    }
}
