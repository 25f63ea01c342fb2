using BenchmarkDotNet.Attributes;
using Hmc.Native.Cli.Targets;
using Hmc.Native.Samplers;

namespace Hmc.Native.Benchmarks.Suites;

/// <summary>
/// Fixed-length HMC runs with the settings of hamiltorch's introductory examples (one chain, unit mass, no
/// adaptation, burn 0), as the side-by-side peer scripts run them: the 3-D Gaussian with 400 samples, ε = 0.3,
/// L = 5 (2,000 gradients) and the 11-D funnel with 500 samples, ε = 0.3093, L = 25 (12,500 gradients); and NUTS
/// on the funnel (one chain, 1000 warm-up + 1000 draws, diagonal mass adaptation), which puts the per-gradient cost
/// of the tree building beside that of fixed-length HMC.
/// </summary>
[MemoryDiagnoser]
public class SamplerBenchmarks
{
    private readonly Target _gaussian = GaussianTarget.Create();
    private readonly Target _funnel = FunnelTarget.Create();

    private static readonly SampleOptions GaussianOptions = new() { NumSamples = 400, StepSize = 0.3, NumStepsPerSample = 5, Chains = 1, Seed = 123 };
    private static readonly SampleOptions FunnelOptions = new() { NumSamples = 500, StepSize = 0.3093, NumStepsPerSample = 25, Chains = 1, Seed = 123 };
    private static readonly SampleOptions FunnelNutsOptions = new() { Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 1000, Chains = 1, Seed = 123 };

    /// <summary>HMC on the 3-D Gaussian; returns the acceptance rate.</summary>
    [Benchmark]
    public double HmcGaussian400() => Sampling.Sample(_gaussian.Density, _gaussian.Initial, GaussianOptions).AcceptanceRate;

    /// <summary>HMC on the funnel; returns the acceptance rate.</summary>
    [Benchmark]
    public double HmcFunnel500() => Sampling.Sample(_funnel.Density, _funnel.Initial, FunnelOptions).AcceptanceRate;

    /// <summary>NUTS on the funnel; returns the number of gradients (leapfrog steps, warm-up included).</summary>
    [Benchmark]
    public long NutsFunnel1000() => Sampling.Sample(_funnel.Density, _funnel.Initial, FunnelNutsOptions).LeapfrogSteps;
}
