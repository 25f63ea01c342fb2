using BenchmarkDotNet.Attributes;
using Hmc.Native.Bayes;
using Hmc.Native.Nn;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Benchmarks.Suites;

/// <summary>
/// How a run's chains share the cores: NUTS on a Bayesian logistic regression (a Linear(256, 1) network with the
/// Bernoulli likelihood on 8,192 rows, so its matrix–vector product crosses the parallel threshold; 50 warm-up and
/// 50 draws per chain, diagonal mass adaptation) as one run of four chains against two runs of two chains, the same
/// draws in total. Under the CPU parallelism policy four chains on two cores run two at a time with one thread each,
/// and two chains run both at once with one thread each.
/// </summary>
[MemoryDiagnoser]
public class ChainParallelismBenchmarks
{
    private const int Rows = 8192;
    private const int Features = 256;

    private readonly Linear<float> _model = new(Features, 1);
    private readonly Tensor<float> _x;
    private readonly Tensor<float> _y;

    private static readonly SampleOptions FourChains = new() { Sampler = Sampler.Nuts, Burn = 50, NumSamples = 50, Chains = 4, Seed = 123 };
    private static readonly SampleOptions TwoChains = FourChains with { Chains = 2 };

    /// <summary>Simulates the data: standard normal features scaled by 1/√d, outcomes drawn from the model with weights N(0, 1).</summary>
    public ChainParallelismBenchmarks()
    {
        var rng = new Random(7);
        var beta = Enumerable.Range(0, Features).Select(_ => Normal(rng)).ToArray();
        var x = new float[Rows * Features];
        var y = new float[Rows];
        for (int i = 0; i < Rows; i++)
        {
            double eta = 0;
            for (int j = 0; j < Features; j++)
            {
                double v = Normal(rng) / Math.Sqrt(Features);
                x[i * Features + j] = (float)v;
                eta += v * beta[j];
            }
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
        }
        _x = Tensor.FromSpan<float>(x, new Shape(Rows, Features));
        _y = Tensor.FromSpan<float>(y, Shape.Vector(Rows));
    }

    /// <summary>One run of four chains; returns the number of gradients.</summary>
    [Benchmark(Baseline = true)]
    public long FourChainsOnce() => Run(FourChains);

    /// <summary>Two runs of two chains (different seeds); returns the number of gradients.</summary>
    [Benchmark]
    public long TwoChainsTwice() => Run(TwoChains) + Run(TwoChains with { Seed = 124 });

    private long Run(SampleOptions options) =>
        ModelSampling.SampleModel(_model, _x, _y, options: options, modelOptions: new ModelOptions { ModelLoss = ModelLoss.BinaryClassLinearOutput }).LeapfrogSteps;

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
