namespace Hmc.Native.GpuCheck;

/// <summary>
/// One timed kernel: its median time, the rate achieved by the work it must do (FLOPs for compute kernels, the bytes
/// it must read and write at least for memory-bound ones), and that rate as a fraction of the card's peak.
/// </summary>
internal sealed record KernelTiming(string Kernel, double MedianMilliseconds, double? GigaflopsPerSecond, double? GigabytesPerSecond, double? FractionOfPeak, string Bound);
