using Hmc.Native.Gpu;
using ILGPU.Runtime.Cuda;

namespace Hmc.Native.GpuCheck;

/// <summary>
/// The card's theoretical peaks, against which each kernel's achieved rate is reported: FP32 FLOP/s =
/// 2 (a fused multiply-add) × FP32 lanes per multiprocessor × multiprocessors × the shader clock, and memory
/// bandwidth = 2 (double data rate) × the memory clock × the bus width in bytes, all read from the CUDA driver.
/// Lanes per multiprocessor follow NVIDIA's tables (128 for compute capability 8.6, 8.9 and 9.0; 64 for 6.0, 7.x and 8.0).
/// Unknown (null) on other devices.
/// </summary>
internal sealed record DevicePeak(double? GigaflopsPerSecond, double? GigabytesPerSecond, string Source)
{
    public static DevicePeak For(GpuAccelerator gpu)
    {
        if (gpu.Accelerator is not CudaAccelerator cuda) return new DevicePeak(null, null, "not a CUDA device: no peak known");
        int major = cuda.Architecture.Major;
        int minor = cuda.Architecture.Minor;
        int lanes = (major, minor) switch
        {
            (9, _) or (8, 6) or (8, 9) => 128,
            (8, 0) or (7, _) or (6, 0) => 64,
            _ => 0,
        };
        double clockHz = cuda.ClockRate * 1e3;
        double? flops = lanes == 0 ? null : 2.0 * lanes * cuda.NumMultiprocessors * clockHz / 1e9;
        double bandwidth = 2.0 * cuda.MemoryClockRate * 1e3 * (cuda.MemoryBusWidth / 8.0) / 1e9;
        return new DevicePeak(flops, bandwidth,
            $"CUDA driver: sm_{major}{minor}, {cuda.NumMultiprocessors} multiprocessors x {lanes} FP32 lanes at {cuda.ClockRate / 1e3:F0} MHz; " +
            $"memory {cuda.MemoryClockRate / 1e3:F0} MHz x {cuda.MemoryBusWidth} bits");
    }
}
