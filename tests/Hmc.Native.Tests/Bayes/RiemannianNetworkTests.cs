using Hmc.Native.Bayes;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Nn;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Bayes;

/// <summary>
/// RMHMC over networks, as hamiltorch's Bayesian network notebook runs it on a softmax regression: the Hessian of the
/// log-posterior and its derivatives go through the recorded backward rules of every layer.
/// </summary>
public class RiemannianNetworkTests
{
    private static (Tensor<double> X, Tensor<double> Y) Classes(int n, int features, int classes, int seed)
    {
        var rng = new System.Random(seed);
        var x = new double[n * features];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % classes;
            for (int j = 0; j < features; j++) x[i * features + j] = rng.NextDouble() * 2 - 1 + (j % classes == y[i] ? 1.0 : 0.0);
        }
        return (Tensor.FromSpan<double>(x, new Shape(n, features)), Tensor.FromVector(y));
    }

    private static void AssertFiniteRun(SamplingResult result, int expectedDraws)
    {
        TestContext.Out.WriteLine($"acceptance {result.AcceptanceRate}, invalid {result.InvalidProposals}, divergences {result.Divergences}");
        Assert.That(result.TotalDraws, Is.EqualTo(expectedDraws));
        Assert.That(result.Samples.SelectMany(d => d).All(double.IsFinite), Is.True);
        Assert.That(result.AcceptanceRate, Is.GreaterThan(0.3));
    }

    [TestCase(Sampler.Rmhmc, Metric.Hessian, Integrator.Implicit)]
    [TestCase(Sampler.Rmhmc, Metric.Hessian, Integrator.Explicit)]
    [TestCase(Sampler.RmNuts, Metric.SoftAbs, Integrator.Implicit)]
    public void SoftmaxRegressionRunsToCompletion(Sampler sampler, Metric metric, Integrator integrator)
    {
        var (x, y) = Classes(30, 2, 3, 5);
        var options = new SampleOptions
        {
            Sampler = sampler, Metric = metric, Integrator = integrator, NumSamples = 60, Burn = 10, Chains = 2, Seed = 3, StepSize = 0.3,
            SoftAbsConst = metric == Metric.SoftAbs ? 10.0 : null,
        };
        if (sampler == Sampler.Rmhmc) options = options with { NumStepsPerSample = 4 };
        if (integrator == Integrator.Explicit) options = options with { StepSize = 0.1, NumStepsPerSample = 10, ExplicitBindingConst = 1 };
        var result = ModelSampling.SampleModel(new Linear<double>(2, 3), x, y, options: options,
            modelOptions: new ModelOptions { ModelLoss = ModelLoss.MultiClassLinearOutput });
        AssertFiniteRun(result, 120);
    }

    // Max pooling makes the metric jump where a window's argmax changes, and the implicit integrator's fixed-point solves
    // then fail to converge; the explicit one needs no solve. With average pooling the metric is smooth and both work.
    [TestCase(true, Integrator.Explicit)]
    [TestCase(false, Integrator.Implicit)]
    public void ATinyConvNetHasExactThirdDerivativesAndRunsToCompletion(bool maxPool, Integrator integrator)
    {
        var (flat, y) = Classes(8, 36, 2, 6);
        var x = Tensor.FromSpan<double>(flat.Values, new Shape(8, 1, 6, 6));
        var model = new Sequential<double>(new Conv2d<double>(1, 2, 3), new Tanh<double>(), maxPool ? new MaxPool2d<double>(2) : new AvgPool2d<double>(2),
            new AvgPool2d<double>(2), new Flatten<double>(), new Linear<double>(2, 2));
        var modelOptions = new ModelOptions { ModelLoss = ModelLoss.MultiClassLinearOutput };
        var posterior = ModelSampling.PosteriorFunction(model, x, y, modelOptions);
        var w = ModelSampling.InitialWeights(model, 0);
        DerivativeCheck.Check(posterior, w, tolerance: 1e-5);
        Ops.OpCheck.CheckThirdOrder(posterior, w, tolerance: 1e-4);
        var options = new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = Metric.SoftAbs, SoftAbsConst = 1.0, Integrator = integrator,
            NumSamples = 20, Burn = 5, Chains = 1, Seed = 4, StepSize = 0.02, NumStepsPerSample = 3,
        };
        if (integrator == Integrator.Explicit) options = options with { ExplicitBindingConst = 1 };
        var result = ModelSampling.SampleModel(model, x, y, options: options, modelOptions: modelOptions);
        AssertFiniteRun(result, 20);
        if (integrator == Integrator.Implicit) Assert.That(result.Chains[0].FixedPointFailures, Is.Zero);
    }
}
