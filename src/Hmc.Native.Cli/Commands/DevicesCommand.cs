using System.CommandLine;
using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Gpu;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.Commands;

/// <summary>
/// <c>hmc devices</c>: lists the compute devices present (the SIMD CPU path is always the first). ILGPU's CPU
/// accelerator is listed as a test device: it runs the GPU kernels as .NET code, one simulated thread group at a
/// time, so it checks them without a GPU but is far slower than the managed SIMD path (<c>--device cpu</c>), which is
/// the fast CPU route; the commands refuse it for networks of more than <see cref="TestDeviceMaxWeights"/> weights.
/// </summary>
public sealed class DevicesCommand : Command
{
    /// <summary>
    /// The most weights a network may have to run on ILGPU's CPU accelerator from the command line. The seed's CNN
    /// (431,080 weights) needs about five minutes per sample of five digits there, against well under a second on the
    /// managed SIMD path.
    /// </summary>
    public const int TestDeviceMaxWeights = 20_000;

    /// <summary>What <c>hmc devices</c> says after the ILGPU CPU accelerator.</summary>
    public const string TestDeviceNote = "test device: runs the GPU kernels on the CPU to check them; sample on the CPU with --device cpu";

    /// <summary>The command.</summary>
    public DevicesCommand() : base("devices", "List the compute devices present.") => SetAction(Run);

    private static int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        foreach (var d in GpuContext.Shared.Devices)
        {
            string note = d.Kind == Device.IlgpuCpu ? $" [{TestDeviceNote}]" : "";
            output.WriteLine($"{NameOf(d.Kind),-10} #{d.Index} {d.Name} ({d.MemoryBytes / (1024 * 1024)} MiB, {d.MaxThreadsPerGroup} threads per group){note}");
        }

        return ExitCodes.Success;
    }

    /// <summary>The command-line names of the devices (the values of <c>--device</c>).</summary>
    public static readonly IReadOnlyDictionary<string, Device> ByName = new Dictionary<string, Device>
    {
        ["cpu"] = Device.Cpu, ["cuda"] = Device.Cuda, ["opencl"] = Device.OpenCL, ["ilgpu-cpu"] = Device.IlgpuCpu,
    };

    /// <summary>The command-line name of a device.</summary>
    public static string NameOf(Device device) => ByName.First(pair => pair.Value == device).Key;

    /// <summary>
    /// Refuses ILGPU's CPU accelerator for a network of more than <see cref="TestDeviceMaxWeights"/> weights, with a
    /// message pointing to <c>--device cpu</c>; every other device passes.
    /// </summary>
    /// <exception cref="UsageException">The device is the ILGPU CPU accelerator and the network is too large for it.</exception>
    public static void RequireUsable(Device device, string network, int weights)
    {
        if (device != Device.IlgpuCpu || weights <= TestDeviceMaxWeights) return;
        throw new UsageException(
            $"--device ilgpu-cpu is a test device (ILGPU's CPU accelerator, which runs the GPU kernels to check them); {network} has {Thousands(weights)} weights, " +
            $"more than the {Thousands(TestDeviceMaxWeights)} it accepts. Use --device cpu, the managed SIMD path, to sample on the CPU.");
    }

    private static string Thousands(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
