using Hmc.Native.Tensors;

namespace Hmc.Native.Gpu;

/// <summary>A device present on this machine.</summary>
/// <param name="Kind">The backend that drives it.</param>
/// <param name="Index">Its index among the devices of the same <paramref name="Kind"/> (0 for the first).</param>
/// <param name="Name">The name the driver reports.</param>
/// <param name="MemoryBytes">Device memory in bytes (for the CPU kinds, the memory available to this process).</param>
/// <param name="MaxThreadsPerGroup">The largest thread group a kernel can be launched with (0 for <see cref="Device.Cpu"/>).</param>
public sealed record DeviceInfo(Device Kind, int Index, string Name, long MemoryBytes, int MaxThreadsPerGroup)
{
    /// <summary>A one-line description such as <c>Cuda #0 "NVIDIA H100" (80.0 GiB, 1024 threads/group)</c>.</summary>
    public override string ToString() =>
        $"{Kind} #{Index} \"{Name}\" ({MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {MaxThreadsPerGroup} threads/group)";
}
