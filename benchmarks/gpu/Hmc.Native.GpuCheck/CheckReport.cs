using System.Text.Json;
using System.Text.Json.Serialization;
using Hmc.Native.Gpu;

namespace Hmc.Native.GpuCheck;

/// <summary>
/// What one run of the check program found, written as JSON with <c>--json</c>: the device, every check with its
/// result, every kernel timing with its fraction of the card's peak, and samples/s of the CNN by chain count.
/// <c>benchmarks/gpu/run-on-device.sh</c> adds the commit, the driver and hamiltorch's figure to it.
/// </summary>
internal sealed class CheckReport
{
    public string Device { get; set; } = "";

    public DevicePeak? Peak { get; set; }

    public Dictionary<string, string> KernelChecks { get; } = [];

    public IReadOnlyList<KernelTiming> KernelTimings { get; set; } = [];

    public Dictionary<string, double> SamplesPerSecond { get; } = [];

    public int SamplesPerChain { get; set; }

    public void AddChecks(IEnumerable<CheckResult> results)
    {
        foreach (var r in results)
        {
            string name = r.Kernel;
            for (int n = 2; KernelChecks.ContainsKey(name); n++) name = $"{r.Kernel} #{n}";
            KernelChecks[name] = r.Passed ? "pass" : "fail";
        }
    }

    public void Write(string path, GpuAccelerator gpu)
    {
        Device = gpu.Info.ToString();
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(this, options));
    }
}
