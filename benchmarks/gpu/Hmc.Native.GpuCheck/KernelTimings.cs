using System.Diagnostics;
using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Nn;

namespace Hmc.Native.GpuCheck;

/// <summary>
/// Times the kernels that dominate a Bayesian CNN on MNIST (at <see cref="ProblemSizes.Full"/>): a 512³ matmul,
/// the two convolution layers of the LeNet-style network (conv 1→20 k5 on 28×28 and conv 20→50 k5 on 12×12) on a
/// batch of 100 digits, pooling, cross-entropy and a leapfrog step on the 431,080 parameters of that network. Each kernel is run
/// twice to compile and warm up, then timed <c>repeats</c> times with a synchronisation after each run; the median
/// is reported. The CPU reference time (double-precision loops on one thread, run once) is shown for scale.
/// </summary>
internal sealed class KernelTimings(GpuAccelerator gpu, ProblemSizes sizes, int repeats, int seed, DevicePeak peak)
{
    private readonly Random random = new(seed);
    private readonly List<KernelTiming> timings = [];

    /// <summary>Times every kernel, printing a line each; returns the timings with their fraction of <c>peak</c>.</summary>
    public IReadOnlyList<KernelTiming> RunAll(TextWriter output)
    {
        output.WriteLine($"  peak: {Rate(peak.GigaflopsPerSecond)} GFLOP/s, {Rate(peak.GigabytesPerSecond)} GB/s ({peak.Source})");
        output.WriteLine($"  {"kernel",-52} {"median ms",10} {"GFLOP/s",9} {"GB/s",9} {"of peak",8} {"CPU ref ms",11}");
        Matmul(output);
        Convolutions(output);
        Others(output);
        return timings;
    }

    private static string Rate(double? value) => value is { } v ? v.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "";

    private float[] Uniform(int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (2f * random.NextSingle()) - 1f;
        return values;
    }

    private double MedianMilliseconds(Action launch)
    {
        launch();
        launch();
        gpu.Synchronize();
        var times = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            launch();
            gpu.Synchronize();
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[repeats / 2];
    }

    private static double Milliseconds(Action run)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>
    /// Times <paramref name="launch"/>; a kernel with <paramref name="flops"/> &gt; 0 is compared with the FLOP/s peak,
    /// one without with the bandwidth peak for its <paramref name="bytes"/> (the least it must read and write).
    /// </summary>
    private void Report(TextWriter output, string name, Action launch, double flops, double bytes, Action? reference = null)
    {
        double ms = MedianMilliseconds(launch);
        double? gflops = flops > 0 ? flops / (ms * 1e6) : null;
        double? gbps = bytes > 0 ? bytes / (ms * 1e6) : null;
        bool computeBound = flops > 0;
        double? fraction = computeBound ? gflops / peak.GigaflopsPerSecond : gbps / peak.GigabytesPerSecond;
        timings.Add(new KernelTiming(name, ms, gflops, gbps, fraction, computeBound ? "flops" : "bandwidth"));
        string cpu = reference is null ? "" : Milliseconds(reference).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        string share = fraction is { } f ? f.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "";
        output.WriteLine($"  {name,-52} {ms,10:F3} {Rate(gflops),9} {Rate(gbps),9} {share,8} {cpu,11}");
    }

    private void Matmul(TextWriter output)
    {
        int size = sizes.TimedMatmul;
        var a = Uniform(size * size);
        var b = Uniform(size * size);
        using var av = gpu.Upload<float>(a);
        using var bv = gpu.Upload<float>(b);
        using var c = gpu.Allocate<float>(size * size);
        var layout = GemmLayout.RowMajor(size, size, size);
        double flops = 2.0 * size * size * size;
        double bytes = 3.0 * 4 * size * size;
        Report(output, $"matmul tiled {size}x{size}x{size} (T={gpu.TileSize})", () => gpu.Matmul.Multiply(av.View, bv.View, c.View, layout), flops, bytes,
            () => CpuReference.Matmul(a, b, size, size, size, false, false));
        Report(output, $"matmul naive {size}x{size}x{size}", () => gpu.Matmul.MultiplyNaive(av.View, bv.View, c.View, layout), flops, bytes);
    }

    /// <summary>Times forward, ∂input and ∂weight with each <see cref="ConvolutionStrategy"/> (the device's default first), then ∂bias.</summary>
    private void Convolution(TextWriter output, Conv2dGeometry g)
    {
        string name = ProblemSizes.Describe(g);
        using var p = new ConvolutionProblem(gpu, g, Uniform);
        double flops = 2.0 * g.MultiplyAdds;
        double bytes = 4.0 * (g.InputLength + g.WeightLength + g.OutputLength);
        var defaultStrategy = gpu.Convolution.Strategy;
        try
        {
            foreach (var strategy in Enum.GetValues<ConvolutionStrategy>().OrderBy(s => s != defaultStrategy))
            {
                gpu.Convolution.Strategy = strategy;
                string label = $"{name}, {strategy.ToString().ToLowerInvariant()}";
                Action? reference = strategy == defaultStrategy ? () => CpuReference.ConvForward(p.X, p.W, p.Bias, g) : null;
                Report(output, $"{label}: forward", () => gpu.Convolution.Forward(p.XDevice.View, p.WDevice.View, p.BiasDevice.View, p.Y.View, g), flops, bytes, reference);
                Report(output, $"{label}: backward input", () => gpu.Convolution.BackwardInput(p.DyDevice.View, p.WDevice.View, p.Dx.View, g), flops, bytes);
                Report(output, $"{label}: backward weight", () => gpu.Convolution.BackwardWeight(p.DyDevice.View, p.XDevice.View, p.Dw.View, g), flops, bytes);
            }
        }
        finally
        {
            gpu.Convolution.Strategy = defaultStrategy;
        }

        Report(output, $"{name}: backward bias", () => gpu.Convolution.BackwardBias(p.DyDevice.View, p.Db.View, g), 0, 4.0 * (g.OutputLength + g.OutChannels));
    }

    private void Convolutions(TextWriter output)
    {
        Convolution(output, ProblemSizes.WithBatch(sizes.FirstConvolution, sizes.TimedBatch));
        Convolution(output, ProblemSizes.WithBatch(sizes.SecondConvolution, sizes.TimedBatch));
    }

    private void Others(TextWriter output)
    {
        int batch = sizes.TimedBatch;
        var conv = sizes.FirstConvolution;
        var pool = new Pool2dGeometry(batch, conv.OutChannels, conv.OutHeight, conv.OutWidth, 2);
        using var px = gpu.Upload<float>(Uniform(pool.InputLength));
        using var py = gpu.Allocate<float>(pool.OutputLength);
        using var argmax = gpu.Allocate<int>(pool.OutputLength);
        using var pdx = gpu.Allocate<float>(pool.InputLength);
        Report(output, $"max pool k2 {pool.Channels}x{pool.Height}x{pool.Width}, batch {batch}: forward", () => gpu.Pooling.MaxForward(px.View, py.View, argmax.View, pool), 0,
            4.0 * (pool.InputLength + (2 * pool.OutputLength)));
        Report(output, $"max pool k2 {pool.Channels}x{pool.Height}x{pool.Width}, batch {batch}: backward", () => gpu.Pooling.MaxBackward(py.View, argmax.View, pdx.View, pool), 0,
            4.0 * ((2 * pool.OutputLength) + pool.InputLength));

        const int classes = 10;
        using var logits = gpu.Upload<float>(Uniform(batch * classes));
        var labelValues = new int[batch];
        for (int i = 0; i < batch; i++) labelValues[i] = random.Next(classes);
        using var labels = gpu.Upload<int>(labelValues);
        using var rowLse = gpu.Allocate<float>(batch);
        using var rowLoss = gpu.Allocate<float>(batch);
        using var total = gpu.Allocate<float>(1);
        using var grad = gpu.Allocate<float>(batch * classes);
        Report(output, $"cross-entropy {batch}x{classes} (loss + gradient)", () =>
        {
            gpu.CrossEntropy.NegativeLogLikelihood(logits.View, labels.View, rowLse.View, rowLoss.View, total.View, batch, classes);
            gpu.CrossEntropy.Gradient(logits.View, labels.View, rowLse.View, grad.View, batch, classes);
        }, 0, 4.0 * ((2 * batch * classes) + batch + 1));

        int parameters = sizes.Parameters;
        using var theta = gpu.Upload<float>(Uniform(parameters));
        using var p = gpu.Upload<float>(Uniform(parameters));
        using var g = gpu.Upload<float>(Uniform(parameters));
        using var inverseMass = gpu.Upload<float>(Uniform(parameters));
        using var energy = gpu.Allocate<float>(1);
        Report(output, $"leapfrog kick-drift, {parameters} parameters", () => gpu.Leapfrog.KickDrift(theta.View, p.View, g.View, inverseMass.View, 1e-3f, 1e-3f), 0,
            4.0 * 6 * parameters);
        Report(output, $"kinetic energy, {parameters} parameters", () => gpu.Reductions.KineticEnergy(p.View, inverseMass.View, energy.View), 0,
            4.0 * 2 * parameters);
    }
}
