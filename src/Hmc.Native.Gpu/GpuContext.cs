using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Device = Hmc.Native.Tensors.Device;

namespace Hmc.Native.Gpu;

/// <summary>
/// The process-wide ILGPU context: created once, on first use, thread-safely, with ILGPU's default CPU accelerator,
/// every compatible CUDA device, every compatible OpenCL device, the ILGPU.Algorithms intrinsics (XMath) and
/// profiling markers (which let the host wait for one point of a stream while later work stays queued) enabled.
/// It is immutable after creation; accelerators opened from it are owned by the caller.
/// </summary>
public sealed class GpuContext
{
    private static readonly Lazy<GpuContext> SharedInstance = new(() => new GpuContext(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Context context;
    private readonly List<(DeviceInfo Info, ILGPU.Runtime.Device Device)> ilgpuDevices;
    private readonly Lock openGate = new();

    private GpuContext()
    {
        context = Context.Create(builder => builder.DefaultCPU().Cuda().OpenCL().EnableAlgorithms().Profiling());
        ilgpuDevices = [];
        foreach (var device in context.Devices)
        {
            var kind = KindOf(device.AcceleratorType);
            int index = ilgpuDevices.Count(a => a.Info.Kind == kind);
            long memory = kind == Device.IlgpuCpu ? AvailableMemory() : device.MemorySize;
            ilgpuDevices.Add((new DeviceInfo(kind, index, device.Name, memory, device.MaxNumThreadsPerGroup), device));
        }

        var managed = new DeviceInfo(
            Device.Cpu, 0,
            $"Managed SIMD ({Environment.ProcessorCount} cores, {System.Numerics.Vector<float>.Count} float lanes)",
            AvailableMemory(), 0);
        Devices = [managed, .. ilgpuDevices.Select(a => a.Info)];
    }

    /// <summary>The shared context, created on first access.</summary>
    public static GpuContext Shared => SharedInstance.Value;

    /// <summary>
    /// Every device present: first the managed <see cref="Device.Cpu"/> backend, then the ILGPU devices in the
    /// order ILGPU enumerates them (its CPU accelerator, CUDA GPUs, OpenCL devices).
    /// </summary>
    public IReadOnlyList<DeviceInfo> Devices { get; }

    /// <summary>The underlying ILGPU context, for compiling kernels of your own.</summary>
    public Context Context => context;

    /// <summary>Whether device <paramref name="index"/> of kind <paramref name="device"/> is present.</summary>
    public bool IsAvailable(Device device, int index = 0) =>
        Devices.Any(d => d.Kind == device && d.Index == index);

    /// <summary>
    /// Opens a new accelerator on device <paramref name="index"/> of kind <paramref name="device"/>. The caller owns
    /// it and disposes it; kernels are compiled on first use and cached in the accelerator.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="device"/> is <see cref="Device.Cpu"/>, which has no ILGPU accelerator.</exception>
    /// <exception cref="DeviceNotAvailableException">No such device is present; the message lists those that are.</exception>
    public GpuAccelerator Open(Device device, int index = 0)
    {
        if (device == Device.Cpu)
        {
            throw new ArgumentException(
                "Device.Cpu is the managed SIMD backend and has no ILGPU accelerator; use Device.IlgpuCpu to run the GPU kernels on the CPU.",
                nameof(device));
        }

        foreach (var (info, ilgpuDevice) in ilgpuDevices)
        {
            if (info.Kind != device || info.Index != index) continue;
            lock (openGate)
            {
                return new GpuAccelerator(info, ilgpuDevice.CreateAccelerator(context));
            }
        }

        throw new DeviceNotAvailableException(device, index, Devices);
    }

    private static Device KindOf(AcceleratorType type) => type switch
    {
        AcceleratorType.Cuda => Device.Cuda,
        AcceleratorType.OpenCL => Device.OpenCL,
        _ => Device.IlgpuCpu,
    };

    private static long AvailableMemory() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}
