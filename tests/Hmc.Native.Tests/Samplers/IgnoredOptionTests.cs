using Hmc.Native.Adaptation;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Samplers;

/// <summary>An option that the chosen sampler would ignore is an error naming the option and the sampler.</summary>
public class IgnoredOptionTests
{
    private static Tensor<double> Gaussian(Tensor<double> x) => -0.5 * (x * x).Sum();

    private static IEnumerable<TestCaseData> IgnoredOptions()
    {
        var unit = new UnitMetric(2);
        yield return Case("Jitter", "Sampler.Nuts", new SampleOptions { Sampler = Sampler.Nuts, Jitter = 0.01 });
        yield return Case("Jitter", "Sampler.Hmc", new SampleOptions { Jitter = 0.01 });
        yield return Case("SoftAbsConst", "Sampler.Hmc", new SampleOptions { SoftAbsConst = 1e3 });
        yield return Case("SoftAbsConst", "Metric.Hessian", new SampleOptions { Sampler = Sampler.Rmhmc, SoftAbsConst = 1e3 });
        yield return Case("Integrator", "Sampler.Nuts", new SampleOptions { Sampler = Sampler.Nuts, Integrator = Integrator.Explicit });
        yield return Case("Metric", "Sampler.Hmc", new SampleOptions { Metric = Metric.SoftAbs });
        yield return Case("JitterMaxTries", "Sampler.Nuts", new SampleOptions { Sampler = Sampler.Nuts, JitterMaxTries = 3 });
        yield return Case("FixedPointThreshold", "Sampler.Hmc", new SampleOptions { FixedPointThreshold = 1e-3 });
        yield return Case("FixedPointThreshold", "Integrator.Explicit", new SampleOptions { Sampler = Sampler.Rmhmc, Integrator = Integrator.Explicit, FixedPointThreshold = 1e-3 });
        yield return Case("FixedPointMaxIterations", "Sampler.Nuts", new SampleOptions { Sampler = Sampler.Nuts, FixedPointMaxIterations = 5 });
        yield return Case("ExplicitBindingConst", "Integrator.Implicit", new SampleOptions { Sampler = Sampler.Rmhmc, ExplicitBindingConst = 5 });
        yield return Case("ExplicitBindingConst", "Sampler.Hmc", new SampleOptions { ExplicitBindingConst = 5 });
        yield return Case("InverseMass", "Sampler.Rmhmc", new SampleOptions { Sampler = Sampler.Rmhmc, InverseMass = unit });
        yield return Case("InverseMass", "Sampler.RmNuts", new SampleOptions { Sampler = Sampler.RmNuts, InverseMass = unit });
        yield return Case("AdaptMass", "Sampler.Rmhmc", new SampleOptions { Sampler = Sampler.Rmhmc, Burn = 10, AdaptMass = MassMatrixAdaptation.Diagonal });
        yield return Case("AdaptMass", "Sampler.Nuts", new SampleOptions { Sampler = Sampler.Nuts, AdaptMass = MassMatrixAdaptation.Dense });
        yield return Case("Adaptation", "Sampler.Rmhmc", new SampleOptions { Sampler = Sampler.Rmhmc, Burn = 10, Adaptation = AdaptationScheme.Diagonal });
        yield return Case("Adaptation", "Sampler.RmNuts", new SampleOptions { Sampler = Sampler.RmNuts, Burn = 10, Adaptation = AdaptationScheme.LowRank });
        yield return Case("NumStepsPerSample", "Sampler.Nuts", new SampleOptions { Sampler = Sampler.Nuts, NumStepsPerSample = 25 });
        yield return Case("NumStepsPerSample", "Sampler.RmNuts", new SampleOptions { Sampler = Sampler.RmNuts, NumStepsPerSample = 25 });
        yield return Case("MaxTreeDepth", "Sampler.Hmc", new SampleOptions { MaxTreeDepth = 6 });
        yield return Case("MaxTreeDepth", "Sampler.Rmhmc", new SampleOptions { Sampler = Sampler.Rmhmc, MaxTreeDepth = 6 });
        yield return Case("AdaptStepSize", "Sampler.Hmc", new SampleOptions { AdaptStepSize = true });
        yield return Case("DesiredAcceptRate", "Sampler.Hmc", new SampleOptions { Burn = 100, DesiredAcceptRate = 0.9 });
        yield return Case("DesiredAcceptRate", "Sampler.Nuts", new SampleOptions { Sampler = Sampler.Nuts, DesiredAcceptRate = 0.9 });
    }

    private static TestCaseData Case(string option, string sampler, SampleOptions options) =>
        new TestCaseData(option, sampler, options with { NumSamples = 2, Chains = 1, Seed = 1 }).SetName($"{option} is rejected by {sampler}");

    [TestCaseSource(nameof(IgnoredOptions))]
    public void AnIgnoredOptionIsAnErrorNamingItAndTheSampler(string option, string sampler, SampleOptions options)
    {
        var ex = Assert.Throws<ArgumentException>(() => Sampling.Sample(Gaussian, [0.1, 0.2], options));
        Assert.That(ex!.Message, Does.Contain($"SampleOptions.{option} is set").And.Contain(sampler));
    }

    [Test]
    public void OptionsTheSamplerUsesAreAccepted()
    {
        Assert.DoesNotThrow(() => Sampling.Sample(Gaussian, [0.1, 0.2], new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = Metric.SoftAbs, SoftAbsConst = 1e3, Jitter = 0.01, JitterMaxTries = 3, FixedPointThreshold = 1e-6,
            FixedPointMaxIterations = 50, NumStepsPerSample = 3, StepSize = 0.3, NumSamples = 2, Chains = 1, Seed = 1,
        }));
        Assert.DoesNotThrow(() => Sampling.Sample(Gaussian, [0.1, 0.2], new SampleOptions
        {
            Sampler = Sampler.Nuts, MaxTreeDepth = 6, AdaptMass = MassMatrixAdaptation.Dense, DesiredAcceptRate = 0.9, Burn = 60,
            InverseMass = new DiagonalMetric([1.0, 2.0]), NumSamples = 2, Chains = 1, Seed = 1,
        }));
        Assert.DoesNotThrow(() => Sampling.Sample(Gaussian, [0.1, 0.2], new SampleOptions
        {
            Sampler = Sampler.Hmc, AdaptStepSize = true, DesiredAcceptRate = 0.7, Burn = 30, NumStepsPerSample = 4, NumSamples = 2, Chains = 1, Seed = 1,
        }));
    }
}
