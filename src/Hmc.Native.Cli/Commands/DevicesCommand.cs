using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Gpu;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.Commands;

/// <summary><c>hmc devices</c>: lists the compute devices present (the SIMD CPU path is always the first).</summary>
public static class DevicesCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        if (args.Count > 0) throw new UsageException("hmc devices takes no arguments");
        foreach (var d in GpuContext.Shared.Devices)
            output.WriteLine($"{Name(d.Kind),-10} #{d.Index} {d.Name} ({d.MemoryBytes / (1024 * 1024)} MiB, {d.MaxThreadsPerGroup} threads per group)");
        return 0;
    }

    /// <summary>The command-line name of a device.</summary>
    public static string Name(Device device) => device switch
    {
        Device.Cpu => "cpu",
        Device.Cuda => "cuda",
        Device.OpenCL => "opencl",
        _ => "ilgpu-cpu",
    };

    /// <summary>Parses a device name: cpu, cuda, opencl or ilgpu-cpu.</summary>
    public static Device Parse(string name) => name.ToLowerInvariant() switch
    {
        "cpu" => Device.Cpu,
        "cuda" => Device.Cuda,
        "opencl" => Device.OpenCL,
        "ilgpu-cpu" => Device.IlgpuCpu,
        _ => throw new UsageException($"--device expects cpu|cuda|opencl|ilgpu-cpu, got '{name}'"),
    };
}
