using System.Diagnostics;
using Hmc.Native.Gpu;
using Hmc.Native.Metrics;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.GpuCheck;

/// <summary>
/// Samples per second of <see cref="DeviceSampling.SampleModel"/> with <c>Chains = K</c> on one device, summed over
/// the chains: the CNN of <see cref="CnnSamplingSizes"/> on random digits, HMC with L = 1, ε = 0.003, unit mass, no
/// warm-up, momenta and uniforms drawn on the device. The rate is measured from the draw sinks: all draws / (the time
/// the last draw arrived − the time the first chain began its sampling phase, when its sink is told the adaptation),
/// so opening the accelerators and compiling the kernels, which happen before, are not counted.
/// </summary>
internal sealed class ChainScaling(DeviceOptions device, CnnSamplingSizes sizes, int samplesPerChain, int seed)
{
    /// <summary>Runs each K of <paramref name="chainCounts"/>, printing a line each; returns samples/s by K.</summary>
    public IReadOnlyDictionary<int, double> Run(IEnumerable<int> chainCounts, TextWriter output)
    {
        var model = sizes.Model();
        var random = new Random(seed);
        var x = CnnSamplingCheck.Digits(sizes.TrainingDigits, random);
        var y = Tensor.FromVector<float>(Enumerable.Range(0, sizes.TrainingDigits).Select(_ => (float)random.Next(10)).ToArray());
        var rates = new Dictionary<int, double>();
        foreach (int chains in chainCounts)
        {
            var times = new List<long>[chains];
            var starts = new long[chains];
            for (int c = 0; c < chains; c++) times[c] = new List<long>(samplesPerChain);
            var options = new SampleOptions
            {
                Sampler = Sampler.Hmc, NumSamples = samplesPerChain, Burn = 0, StepSize = CnnSamplingSizes.StepSize,
                NumStepsPerSample = CnnSamplingSizes.LeapfrogSteps, Chains = chains, Seed = (ulong)seed, StoreDraws = false,
                DrawSinkFactory = c => new TimestampSink(times[c], starts, c),
            };
            var result = DeviceSampling.SampleModel(model, x, y, device with { MomentumSource = MomentumSource.Device }, options: options, initSeed: seed);
            long first = starts.Min();
            long last = times.Max(t => t[^1]);
            int draws = times.Sum(t => t.Count);
            double seconds = Stopwatch.GetElapsedTime(first, last).TotalSeconds;
            double rate = draws / seconds;
            rates[chains] = rate;
            output.WriteLine(
                $"  K = {chains,2}: {chains} x {samplesPerChain} samples, {rate:F1} samples/s summed over chains ({rate / chains:F1} per chain), acceptance {result.AcceptanceRate:F2}");
        }

        return rates;
    }

    /// <summary>Records when chain <c>chain</c> begins its sampling phase and when each of its draws arrives.</summary>
    private sealed class TimestampSink(List<long> times, long[] starts, int chain) : IDrawSink
    {
        public void WriteAdaptation(double stepSize, IEuclideanMetric? metric) => starts[chain] = Stopwatch.GetTimestamp();

        public void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position) => times.Add(Stopwatch.GetTimestamp());

        public void Dispose()
        {
        }
    }
}
