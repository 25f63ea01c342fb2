using Hmc.Native.Tensors;

namespace Hmc.Native.GpuCheck;

/// <summary>Command-line options of the check program.</summary>
internal sealed record GpuCheckOptions(Device Device, int Index, bool Small, bool ListOnly, bool Timings, int Repeats, int Seed, bool Sampling, bool SamplingOnly)
{
    /// <summary>Where to write the JSON report (null: none).</summary>
    public string? Json { get; init; }

    /// <summary>The chain counts K of the samples/s scaling runs (empty: none).</summary>
    public IReadOnlyList<int> ChainCounts { get; init; } = [];

    /// <summary>Samples per chain in each scaling run.</summary>
    public int ChainSamples { get; init; } = 50;

    public const string Usage = """
        Usage: Hmc.Native.GpuCheck [options]
          --device cuda|opencl|ilgpu-cpu   device to check (default cuda)
          --index N                        device index among those of that kind (default 0)
          --small                          small problem sizes (for ILGPU's slow CPU accelerator)
          --list                           list the devices present and exit
          --no-timing                      run the correctness checks only (no kernel timings, no CNN sampling)
          --no-sampling                    skip the Bayesian CNN sampling check
          --sampling-only                  run only the Bayesian CNN sampling check (GpuHmcKernel, samples/s)
          --repeat N                       timed runs per kernel, the median is reported (default 10)
          --seed N                         seed of the random inputs (default: from the clock, printed)
          --chains K1,K2,...               also measure samples/s of DeviceSampling.SampleModel with Chains = K (summed over chains)
          --chain-samples N                samples per chain in those runs (default 50)
          --json FILE                      write the checks, kernel timings (with fraction of peak) and samples/s as JSON
        Exit code: 0 if every check passes, 1 if any fails, 2 for bad arguments or a missing device.
        """;

    public static GpuCheckOptions Parse(string[] args)
    {
        var options = new GpuCheckOptions(Device.Cuda, 0, false, false, true, 10, Environment.TickCount & 0x7FFFFFFF, true, false);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            options = arg switch
            {
                "--device" => options with { Device = ParseDevice(Value()) },
                "--index" => options with { Index = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--small" => options with { Small = true },
                "--list" => options with { ListOnly = true },
                "--no-timing" => options with { Timings = false },
                "--no-sampling" => options with { Sampling = false },
                "--sampling-only" => options with { SamplingOnly = true },
                "--repeat" => options with { Repeats = Math.Max(1, int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture)) },
                "--seed" => options with { Seed = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--chains" => options with { ChainCounts = [.. Value().Split(',').Select(k => Math.Max(1, int.Parse(k, System.Globalization.CultureInfo.InvariantCulture)))] },
                "--chain-samples" => options with { ChainSamples = Math.Max(1, int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture)) },
                "--json" => options with { Json = Value() },
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }

        return options;
    }

    private static Device ParseDevice(string name) => name.ToLowerInvariant() switch
    {
        "cuda" => Device.Cuda,
        "opencl" => Device.OpenCL,
        "ilgpu-cpu" => Device.IlgpuCpu,
        _ => throw new ArgumentException($"Unknown device '{name}'; use cuda, opencl or ilgpu-cpu."),
    };
}
