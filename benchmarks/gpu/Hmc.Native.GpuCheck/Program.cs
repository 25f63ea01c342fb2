using Hmc.Native.Gpu;
using Hmc.Native.GpuCheck;

GpuCheckOptions options;
try
{
    options = GpuCheckOptions.Parse(args);
}
catch (Exception error) when (error is ArgumentException or FormatException)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(GpuCheckOptions.Usage);
    return 2;
}

Console.WriteLine("Devices present:");
foreach (var device in GpuContext.Shared.Devices) Console.WriteLine($"  {device}");
if (options.ListOnly) return 0;

GpuAccelerator gpu;
try
{
    gpu = GpuContext.Shared.Open(options.Device, options.Index);
}
catch (DeviceNotAvailableException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

using (gpu)
{
    var sizes = options.Small ? ProblemSizes.Small : ProblemSizes.Full;
    Console.WriteLine();
    Console.WriteLine($"Device: {gpu.Info}; group size {gpu.GroupSize}, matmul tile {gpu.TileSize}x{gpu.TileSize}");
    Console.WriteLine($"Sizes: {(options.Small ? "small" : "full")}; seed {options.Seed}");
    Console.WriteLine();
    int failed = 0;
    var report = new CheckReport();
    if (!options.SamplingOnly)
    {
        Console.WriteLine("Correctness: float32 kernel against a double-precision CPU reference on fresh random inputs");
        Console.WriteLine("(relative error over reference values with |e| > 1e-6; PASS when |a - e| <= atol + rtol*|e| everywhere)");
        Console.WriteLine($"  {"kernel",-44} {"max abs err",12} {"max rel err",12} {"atol",9} {"rtol",9}  result");
        var checks = new KernelChecks(gpu, sizes, options.Seed);
        var results = checks.RunAll(r => Console.WriteLine(
            $"  {r.Kernel,-44} {r.MaxAbsoluteError,12:E2} {r.MaxRelativeError,12:E2} {r.AbsoluteTolerance,9:G3} {r.RelativeTolerance,9:G3}  {(r.Passed ? "PASS" : "FAIL")}"));
        failed += results.Count(r => !r.Passed);
        report.AddChecks(results);
        Console.WriteLine($"{results.Count - failed} of {results.Count} checks passed.");
        Console.WriteLine($"Kernels compiled: {gpu.Kernels.Count}");

        if (options.Timings)
        {
            Console.WriteLine();
            Console.WriteLine($"Timings: median of {options.Repeats} synchronised runs after two warm-up runs");
            report.Peak = DevicePeak.For(gpu);
            report.KernelTimings = new KernelTimings(gpu, sizes, options.Repeats, options.Seed, report.Peak).RunAll(Console.Out);
        }
    }

    if (options.SamplingOnly || (options.Sampling && options.Timings))
    {
        Console.WriteLine();
        Console.WriteLine("Bayesian CNN sampling: GpuHmcKernel (theta, momentum, gradient on the device) on random MNIST-like digits");
        var samplingResults = new CnnSamplingCheck(gpu, options.Small ? CnnSamplingSizes.Small : CnnSamplingSizes.Full, options.Seed).Run(Console.Out);
        failed += samplingResults.Count(r => !r.Passed);
        report.AddChecks(samplingResults);
    }

    if (options.ChainCounts.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine("Chains per device: DeviceSampling.SampleModel with Chains = K (each chain its own accelerator), samples/s summed over chains");
        var scaling = new ChainScaling(new DeviceOptions { Device = options.Device, DeviceIndex = options.Index },
            options.Small ? CnnSamplingSizes.Small : CnnSamplingSizes.Full, options.ChainSamples, options.Seed);
        foreach (var (chains, rate) in scaling.Run(options.ChainCounts, Console.Out)) report.SamplesPerSecond[chains.ToString(System.Globalization.CultureInfo.InvariantCulture)] = rate;
        report.SamplesPerChain = options.ChainSamples;
    }

    if (options.Json is { } json)
    {
        report.Write(json, gpu);
        Console.WriteLine($"Wrote {json}");
    }

    return failed == 0 ? 0 : 1;
}
