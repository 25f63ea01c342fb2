using System.Diagnostics;
using Hmc.Native.Bayes;
using Hmc.Native.Gpu;
using Hmc.Native.Metrics;
using Hmc.Native.Nn;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.GpuCheck;

/// <summary>
/// Samples the weights of the MNIST CNN with <see cref="GpuHmcKernel"/> on random digits normalised like MNIST
/// ((x − 0.1307)/0.3081 for pixels in [0, 1], most of them 0) and random labels, and predicts a larger batch with
/// each draw. Checks first that the device log-posterior and its gradient match <see cref="ModelLogDensity{T}"/> on
/// the CPU and that a device prediction matches the CPU forward pass, then reports samples per second on the device
/// and, for scale, with <see cref="HmcKernel"/> on the managed CPU backend.
/// </summary>
internal sealed class CnnSamplingCheck(GpuAccelerator gpu, CnnSamplingSizes sizes, int seed)
{
    private const float MnistMean = 0.1307f;
    private const float MnistDeviation = 0.3081f;

    public IReadOnlyList<CheckResult> Run(TextWriter output)
    {
        var model = sizes.Model();
        var random = new Random(seed);
        var x = Digits(sizes.TrainingDigits, random);
        var y = Tensor.FromVector<float>(Enumerable.Range(0, sizes.TrainingDigits).Select(_ => (float)random.Next(10)).ToArray());
        var init = Array.ConvertAll(model.InitialParameters(seed), v => (double)v);
        int d = model.ParameterCount;
        output.WriteLine($"  network: {d:N0} parameters; {sizes.TrainingDigits} training digits; HMC with L = {CnnSamplingSizes.LeapfrogSteps}, step {CnnSamplingSizes.StepSize}, unit mass");

        var results = new List<CheckResult>();
        var cpuDensity = ModelSampling.Posterior(model, x, y);
        using var density = new GpuModelLogDensity(gpu, model, x, y);
        results.Add(CompareLogPosterior(cpuDensity, density, init));
        foreach (var r in results) Print(output, r);

        output.WriteLine($"  device gradient (forward + backward + prior, {sizes.TrainingDigits} digits): {GradientMilliseconds(density, init):F3} ms median");
        var draws = SampleOnDevice(density, init, seed, sizes, MomentumSource.Host, output);
        SampleOnDevice(density, init, seed, sizes, MomentumSource.Device, output);

        var cpuKernel = new HmcKernel(cpuDensity, new UnitMetric(d), CnnSamplingSizes.StepSize, CnnSamplingSizes.LeapfrogSteps);
        var cpuRng = new Rng((ulong)seed);
        var cpuState = cpuKernel.Initialize(init);
        (cpuState, _) = cpuKernel.Step(cpuRng, cpuState);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < sizes.CpuSamples; i++) (cpuState, _) = cpuKernel.Step(cpuRng, cpuState);
        double cpuSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        output.WriteLine(
            $"  CPU HMC (managed SIMD, {Environment.ProcessorCount} cores): {sizes.CpuSamples} samples in {cpuSeconds:F3} s = {sizes.CpuSamples / cpuSeconds:F2} samples/s");

        var prediction = Predict(model, draws, random, output);
        Print(output, prediction);
        results.Add(prediction);
        return results;
    }

    /// <summary>Times <see cref="GpuHmcKernel"/> with momenta from <paramref name="source"/>; returns the timed draws.</summary>
    private static List<double[]> SampleOnDevice(GpuModelLogDensity density, double[] init, int seed, CnnSamplingSizes sizes, MomentumSource source, TextWriter output)
    {
        using var kernel = new GpuHmcKernel(density, new UnitMetric(density.Dimension), CnnSamplingSizes.StepSize, CnnSamplingSizes.LeapfrogSteps, source);
        var rng = new Rng((ulong)seed);
        var state = kernel.Initialize(init);
        for (int i = 0; i < sizes.WarmUpTransitions; i++) (state, _) = kernel.Step(rng, state);
        var draws = new List<double[]>(sizes.Samples);
        int accepted = 0;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < sizes.Samples; i++)
        {
            (state, var info) = kernel.Step(rng, state);
            if (info.Accepted) accepted++;
            draws.Add(state.Position);
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        string where = source == MomentumSource.Host ? "momenta drawn on the host" : "momenta drawn on the device";
        output.WriteLine(
            $"  device HMC, {where}: {sizes.Samples} samples in {seconds:F3} s = {sizes.Samples / seconds:F1} samples/s " +
            $"({1000 * seconds / sizes.Samples:F2} ms/sample), acceptance {(double)accepted / sizes.Samples:F2}");
        return draws;
    }

    private static void Print(TextWriter output, CheckResult r) => output.WriteLine(
        $"  {r.Kernel,-44} {r.MaxAbsoluteError,12:E2} {r.MaxRelativeError,12:E2} {r.AbsoluteTolerance,9:G3} {r.RelativeTolerance,9:G3}  {(r.Passed ? "PASS" : "FAIL")}");

    /// <summary><paramref name="count"/> 28×28 digits: each pixel 0 with probability 0.8, else uniform in (0, 1]; then normalised as MNIST is.</summary>
    internal static Tensor<float> Digits(int count, Random random)
    {
        var pixels = new float[count * 28 * 28];
        for (int i = 0; i < pixels.Length; i++)
        {
            float value = random.NextDouble() < 0.8 ? 0f : 1f - random.NextSingle();
            pixels[i] = (value - MnistMean) / MnistDeviation;
        }

        return Tensor.FromSpan<float>(pixels, new Shape(count, 1, 28, 28));
    }

    /// <summary>The log-posterior (|Δ| against 1e-4·(1 + |log π|)) and the gradient (tolerance relative to its largest entry) against the CPU.</summary>
    private static CheckResult CompareLogPosterior(ILogDensity cpu, GpuModelLogDensity device, double[] position)
    {
        var expected = new double[position.Length];
        var actual = new double[position.Length];
        double expectedValue = cpu.Evaluate(position, expected);
        double actualValue = device.Evaluate(position, actual);
        double scale = expected.Max(Math.Abs);
        var gradient = CheckResult.Compare("log-posterior gradient vs CPU", expected, Array.ConvertAll(actual, v => (float)v), 1e-4 * scale, 1e-3);
        bool valueClose = Math.Abs(actualValue - expectedValue) <= 1e-4 * (1 + Math.Abs(expectedValue));
        return gradient with { Passed = gradient.Passed && valueClose, Kernel = $"log-posterior + gradient vs CPU (value {actualValue:G7} vs {expectedValue:G7})" };
    }

    /// <summary>The median of ten synchronised device evaluations of the log-posterior and its gradient at <paramref name="position"/>.</summary>
    private double GradientMilliseconds(GpuModelLogDensity density, double[] position)
    {
        int d = density.Dimension;
        using var theta = gpu.Upload<float>(Array.ConvertAll(position, v => (float)v));
        using var g = gpu.Allocate<float>(d);
        using var terms = gpu.Allocate<float>(GpuModelPosterior.TermCount);
        var times = new double[10];
        density.Posterior.Evaluate(theta.View, g.View, terms.View);
        gpu.Synchronize();
        for (int r = 0; r < times.Length; r++)
        {
            long start = Stopwatch.GetTimestamp();
            density.Posterior.Evaluate(theta.View, g.View, terms.View);
            gpu.Synchronize();
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }

    /// <summary>Predicts <see cref="CnnSamplingSizes.PredictionDigits"/> digits with every draw on the device; checks the first prediction against the CPU.</summary>
    private CheckResult Predict(Module<float> model, List<double[]> draws, Random random, TextWriter output)
    {
        var digits = Digits(sizes.PredictionDigits, random);
        using var network = new GpuNetwork(gpu, model, digits.Shape);
        using var inputs = gpu.Upload(digits.Values);
        using var weights = gpu.Allocate<float>(model.ParameterCount);
        var logits = new float[network.OutputShape.Length];
        var first = new float[logits.Length];
        var hostWeights = new float[model.ParameterCount];
        long start = Stopwatch.GetTimestamp();
        for (int s = 0; s < draws.Count; s++)
        {
            for (int i = 0; i < hostWeights.Length; i++) hostWeights[i] = (float)draws[s][i];
            weights.CopyFromHost(hostWeights);
            network.Forward(weights.View, inputs.View);
            network.CopyOutputToHost(logits);
            if (s == 0) logits.CopyTo(first, 0);
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        output.WriteLine(
            $"  device prediction: {draws.Count} samples x {sizes.PredictionDigits} digits in {seconds:F3} s " +
            $"({1000 * seconds / draws.Count:F2} ms/sample, {draws.Count / seconds:F1} samples/s)");

        var expected = ModelSampling.Output(model, draws[0], digits);
        double scale = expected.Max(MathF.Abs);
        return CheckResult.Compare("prediction (logits) vs CPU", Array.ConvertAll(expected, v => (double)v), first, 1e-4 * scale, 1e-3);
    }
}
