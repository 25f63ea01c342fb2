using System.Diagnostics;
using System.Text.Json;
using System.CommandLine;
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
public sealed class MnistCommand : Command
{
    private readonly Option<int> _samples = TypedOption.Int("--samples", 3000, "kept samples", min: 1);
    private readonly Option<int> _burn = TypedOption.Int("--burn", 500, "burn-in samples", min: 0);
    private readonly Option<int> _train = TypedOption.Int("--train", 100, "training digits", min: 1);
    private readonly Option<int> _validation = TypedOption.Int("--val", 1000, "test digits predicted by every kept sample", min: 1);
    private readonly Option<double> _stepSize = TypedOption.Double("--step-size", 0.003, "the leapfrog step size", positive: true);
    private readonly Option<int> _steps = TypedOption.Int("--steps", 1, "leapfrog steps per sample", min: 1);
    private readonly Option<ulong> _seed = TypedOption.Seed(0);
    private readonly Option<Choice<Device>> _device = TypedOption.Choice("--device", "cpu", "where the network runs (ilgpu-cpu is a test device, for small networks only)", DevicesCommand.ByName);
    private readonly Option<string?> _data = TypedOption.Text("--data", "DIR", "the folder of the MNIST files (default: ../shared/data/mnist, else data/mnist-subset)");
    private readonly Option<string?> _json = TypedOption.Text("--json", "FILE", "write the JSON report");
    private readonly Option<bool> _quiet = TypedOption.Switch("--quiet", "no progress line");

    /// <summary>What one run measured.</summary>
    public sealed record Report(
        int Samples, int Burn, int Train, int Validation, double StepSize, int Steps, string Device, ulong Seed,
        double SamplesPerSecond, double AcceptanceRate, double Accuracy, IReadOnlyList<double> AccuracyPerSample,
        IReadOnlyList<double> RunningAccuracy, double SamplingSeconds, double PredictSeconds, string DataDirectory, bool Cancelled);

    /// <summary>The command with its options.</summary>
    public MnistCommand() : base("mnist", "The seed's Bayesian CNN on MNIST: HMC over 431,080 weights, posterior-predictive accuracy.")
    {
        Add(_samples);
        Add(_burn);
        Add(_train);
        Add(_validation);
        Add(_stepSize);
        Add(_steps);
        Add(_seed);
        Add(_device);
        Add(_data);
        Add(_json);
        Add(_quiet);
        SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, cancellationToken)));
    }

    private int Run(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var report = Execute(
            parse.GetValue(_samples), parse.GetValue(_burn), parse.GetValue(_train), parse.GetValue(_validation), parse.GetValue(_stepSize),
            parse.GetValue(_steps), parse.GetValue(_device).Value, parse.GetValue(_seed), parse.GetValue(_data),
            parse.GetValue(_quiet) ? TextWriter.Null : output, cancellationToken);
        output.WriteLine($"Acceptance rate {report.AcceptanceRate:F3}; {report.SamplesPerSecond:F2} samples/sec; prediction {report.PredictSeconds:F1} s");
        output.WriteLine($"Accuracy of the posterior-predictive mean over {report.AccuracyPerSample.Count} samples: {report.Accuracy:P1}");
        if (parse.GetValue(_json) is { } json)
            File.WriteAllText(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true }));
        return report.Cancelled ? ExitCodes.Interrupted : ExitCodes.Success;
    }

    /// <summary>Loads the digits, samples, predicts, and reports; a cancelled run reports the samples kept before the cancel.</summary>
    public static Report Execute(int samples, int burn, int train, int validation, double stepSize, int steps, Device device, ulong seed, string? dataDirectory,
        TextWriter progress, CancellationToken cancellationToken = default)
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
            ? ModelSampling.SampleModel(model, x, y, options: options, modelOptions: modelOptions, initSeed: (int)seed, cancellationToken: cancellationToken)
            : DeviceSampling.SampleModel(model, x, y, new DeviceOptions { Device = device }, options: options, modelOptions: modelOptions, initSeed: (int)seed,
                cancellationToken: cancellationToken);
        line.Complete(result.AcceptanceRate);
        double predictSeconds = predictClock.Elapsed.TotalSeconds;
        double samplingSeconds = result.SamplingSeconds - predictSeconds;
        return new Report(samples, burn, train, validation, stepSize, steps, device.ToString(), result.Seed,
            samplingSeconds > 0 ? result.TotalDraws / samplingSeconds : double.NaN, result.AcceptanceRate, predictive.Accuracy,
            predictive.PerSampleAccuracy, predictive.RunningAccuracy, samplingSeconds, predictSeconds, data.Directory, result.Cancelled);
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
