using System.CommandLine;
using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Gpu;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.Commands;

/// <summary><c>hmc devices</c>: lists the compute devices present (the SIMD CPU path is always the first).</summary>
public sealed class DevicesCommand : Command
{
    /// <summary>The command.</summary>
    public DevicesCommand() : base("devices", "List the compute devices present.") => SetAction(Run);

    private static int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        foreach (var d in GpuContext.Shared.Devices)
            output.WriteLine($"{NameOf(d.Kind),-10} #{d.Index} {d.Name} ({d.MemoryBytes / (1024 * 1024)} MiB, {d.MaxThreadsPerGroup} threads per group)");
        return ExitCodes.Success;
    }

    /// <summary>The command-line names of the devices (the values of <c>--device</c>).</summary>
    public static readonly IReadOnlyDictionary<string, Device> ByName = new Dictionary<string, Device>
    {
        ["cpu"] = Device.Cpu, ["cuda"] = Device.Cuda, ["opencl"] = Device.OpenCL, ["ilgpu-cpu"] = Device.IlgpuCpu,
    };

    /// <summary>The command-line name of a device.</summary>
    public static string NameOf(Device device) => ByName.First(pair => pair.Value == device).Key;
}
