using System.Diagnostics;
using System.Text.Json;
using Hmc.Native.Bayes;
using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Data;
using Hmc.Native.Gpu;
using Hmc.Native.Nn;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.Commands;

/// <summary>
/// <c>hmc mnist</c>: the seed's Bayesian CNN — 431,080 weights sampled with HMC (ε 0.003, one leapfrog step per
/// sample, τ_out 1, N(0, 1) priors) on the first 100 training digits; every kept sample predicts the first 1,000
/// test digits, and the accuracy of the posterior-predictive mean over the kept samples is reported.
/// </summary>
public static class MnistCommand
{
    /// <summary>The flags that take a value.</summary>
    public static readonly string[] ValueFlags = ["samples", "burn", "train", "val", "seed", "device", "data", "json", "step-size", "steps"];

    /// <summary>What one run measured.</summary>
    public sealed record Report(
        int Samples, int Burn, int Train, int Validation, double StepSize, int Steps, string Device, ulong Seed,
        double SamplesPerSecond, double AcceptanceRate, double Accuracy, IReadOnlyList<double> AccuracyPerSample,
        IReadOnlyList<double> RunningAccuracy, double SamplingSeconds, double PredictSeconds, string DataDirectory);

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var a = new Arguments(args, ValueFlags, ["quiet"]);
        if (a.Positional.Count > 0) throw new UsageException($"hmc mnist takes no positional arguments; got '{a.Positional[0]}'");
        var device = DevicesCommand.Parse(a.String("device") ?? "cpu");
        var report = Execute(
            a.Int("samples", 3000, min: 1), a.Int("burn", 500, min: 0), a.Int("train", 100, min: 1), a.Int("val", 1000, min: 1),
            a.Double("step-size", 0.003, positive: true), a.Int("steps", 1, min: 1), device, (ulong)a.Int("seed", 0, min: 0),
            a.String("data"), a.Has("quiet") ? TextWriter.Null : output);
        output.WriteLine($"Acceptance rate {report.AcceptanceRate:F3}; {report.SamplesPerSecond:F2} samples/sec; prediction {report.PredictSeconds:F1} s");
        output.WriteLine($"Accuracy of the posterior-predictive mean over {report.Samples} samples: {report.Accuracy:P1}");
        if (a.String("json") is { } json)
            File.WriteAllText(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true }));
        return 0;
    }

    /// <summary>Loads the digits, samples, predicts, and reports.</summary>
    public static Report Execute(int samples, int burn, int train, int validation, double stepSize, int steps, Device device, ulong seed, string? dataDirectory, TextWriter progress)
    {
        var model = MnistCnn.Create<float>();
        DevicesCommand.RequireUsable(device, "the MNIST CNN", model.ParameterCount);
        if (device != Device.Cpu && !GpuContext.Shared.IsAvailable(device)) GpuContext.Shared.Open(device).Dispose();
        var directory = Mnist.DefaultDirectory(dataDirectory);
        var data = Mnist.Load<float>(directory, train, validation);
        progress.WriteLine($"MNIST from {data.Directory}: {train} training digits, {validation} validation digits");
        var x = data.Train.ImageTensor();
        var y = Tensor.FromSpan<float>(data.Train.Labels.Select(l => (float)l).ToArray(), Shape.Vector(train));
        var validationImages = data.Validation.ImageTensor();
        var predictive = new PosteriorPredictive(data.Validation.Labels, 10);
        var predictClock = new Stopwatch();
        var line = ConsoleProgress.Start(progress, "HMC", "IMPLICIT", burn + samples);
        var options = new SampleOptions
        {
            Sampler = Sampler.Hmc, NumSamples = samples, Burn = burn, StepSize = stepSize, NumStepsPerSample = steps, Chains = 1, Seed = seed,
            StoreDraws = false, Progress = line,
            DrawSinkFactory = _ => new PredictingSink(model, validationImages, predictive, predictClock),
        };
        var modelOptions = new ModelOptions { TauOut = 1 };
        var result = device == Device.Cpu
            ? ModelSampling.SampleModel(model, x, y, options: options, modelOptions: modelOptions, initSeed: (int)seed)
            : DeviceSampling.SampleModel(model, x, y, new DeviceOptions { Device = device }, options: options, modelOptions: modelOptions, initSeed: (int)seed);
        line.Complete(result.AcceptanceRate);
        double predictSeconds = predictClock.Elapsed.TotalSeconds;
        double samplingSeconds = result.SamplingSeconds - predictSeconds;
        return new Report(samples, burn, train, validation, stepSize, steps, device.ToString(), result.Seed,
            samplingSeconds > 0 ? result.TotalDraws / samplingSeconds : double.NaN, result.AcceptanceRate, predictive.Accuracy,
            predictive.PerSampleAccuracy, predictive.RunningAccuracy, samplingSeconds, predictSeconds, data.Directory);
    }

    private sealed class PredictingSink(Module<float> model, Tensor<float> images, PosteriorPredictive predictive, Stopwatch clock) : IDrawSink
    {
        public void WriteAdaptation(double stepSize, Hmc.Native.Metrics.IEuclideanMetric? metric)
        {
        }

        public void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position)
        {
            clock.Start();
            predictive.Add<float>(ModelSampling.Output(model, position, images));
            clock.Stop();
        }

        public void Dispose()
        {
        }
    }
}
