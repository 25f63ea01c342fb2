using Hmc.Native.Bayes;
using Hmc.Native.Gpu;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

/// <summary>
/// The device log-posterior against <see cref="ModelLogDensity{T}"/> with T = float on the CPU: the same value and
/// gradient (likelihood plus the per-tensor Gaussian prior) to float tolerance, for the categorical and the
/// regression likelihood, with and without a log-density scale.
/// </summary>
[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class GpuModelLogDensityTests(Device device)
{
    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    /// <summary>Relative tolerance: float rounding on ILGPU's CPU accelerator; CUDA and OpenCL add FMA contraction and approximate exp/log.</summary>
    private double Tolerance => device == Device.IlgpuCpu ? 1e-5 : 1e-4;

    [OneTimeSetUp]
    public void Open() => _ = Gpu;

    private static void AssertSameDensity(ILogDensity expected, ILogDensity actual, double[] position, double tolerance)
    {
        var expectedGradient = new double[position.Length];
        var actualGradient = new double[position.Length];
        double expectedValue = expected.Evaluate(position, expectedGradient);
        double actualValue = actual.Evaluate(position, actualGradient);
        Assert.That(actualValue, Is.EqualTo(expectedValue).Within(tolerance * (1 + Math.Abs(expectedValue))), "log-density");
        for (int i = 0; i < position.Length; i++)
        {
            Assert.That(actualGradient[i], Is.EqualTo(expectedGradient[i]).Within(tolerance * (1 + Math.Abs(expectedGradient[i]))), $"gradient[{i}]");
        }
    }

    [Test]
    public void CategoricalCnnMatchesTheCpuLogPosterior()
    {
        var model = BayesianNetworks.SmallCnn();
        var x = BayesianNetworks.Images(4, 301);
        var y = BayesianNetworks.Labels(4, 3, 302);
        var options = new ModelOptions { TauList = [0.5, 2.0, 1.5, 3.0] };
        var cpu = ModelSampling.Posterior(model, x, y, options);
        using var gpu = new GpuModelLogDensity(Gpu, model, x, y, options);
        Assert.That(gpu.Dimension, Is.EqualTo(47));
        AssertSameDensity(cpu, gpu, BayesianNetworks.Initial(model, 3), Tolerance);

        // Larger weights: logits of order 10, so the softmax is far from uniform.
        var large = BayesianNetworks.Initial(model, 4);
        for (int i = 0; i < large.Length; i++) large[i] *= 6;
        AssertSameDensity(cpu, gpu, large, Tolerance);
    }

    [Test]
    public void PaddedCnnWithAScaleMatchesTheScaledCpuLogPosterior()
    {
        var model = BayesianNetworks.PaddedCnn();
        var x = BayesianNetworks.Images(3, 303);
        var y = BayesianNetworks.Labels(3, 3, 304);
        var cpu = new ScaledLogDensity(ModelSampling.Posterior(model, x, y), 0.25);
        using var gpu = new GpuModelLogDensity(Gpu, model, x, y, logDensityScale: 0.25);
        AssertSameDensity(cpu, gpu, BayesianNetworks.Initial(model, 5), Tolerance);
    }

    [Test]
    public void RegressionMlpMatchesTheCpuLogPosterior()
    {
        var model = BayesianNetworks.SigmoidMlp();
        var x = BayesianNetworks.Matrix(6, 5, 305);
        var y = BayesianNetworks.Matrix(6, 2, 306);
        var options = new ModelOptions { ModelLoss = ModelLoss.Regression, TauOut = 2.5, TauList = [1, 1, 4, 4, 0.5, 0.5] };
        var cpu = ModelSampling.Posterior(model, x, y, options);
        using var gpu = new GpuModelLogDensity(Gpu, model, x, y, options);
        AssertSameDensity(cpu, gpu, BayesianNetworks.Initial(model, 6), Tolerance);
    }

    [Test]
    public void NonFiniteWeightsGiveANonFiniteLogDensity()
    {
        var model = BayesianNetworks.SmallCnn();
        using var gpu = new GpuModelLogDensity(Gpu, model, BayesianNetworks.Images(4, 307), BayesianNetworks.Labels(4, 3, 308));
        var position = BayesianNetworks.Initial(model, 7);
        position[3] = double.NaN;
        Assert.That(double.IsFinite(gpu.Evaluate(position, new double[position.Length])), Is.False);
    }

    [Test]
    public void ForkEvaluatesTheSameFunctionOnItsOwnAccelerator()
    {
        var model = BayesianNetworks.SmallCnn();
        using var gpu = new GpuModelLogDensity(Gpu, model, BayesianNetworks.Images(4, 309), BayesianNetworks.Labels(4, 3, 310));
        var fork = (GpuModelLogDensity)gpu.Fork();
        Assert.That(fork.Accelerator, Is.Not.SameAs(gpu.Accelerator));
        Assert.That(fork.Accelerator.Device, Is.EqualTo(device));
        AssertSameDensity(gpu, fork, BayesianNetworks.Initial(model, 8), 1e-6);
    }

    [Test]
    public void AForkKeepsTheConvolutionStrategy()
    {
        using var accelerator = GpuContext.Shared.Open(Gpu.Info.Kind, Gpu.Info.Index);
        accelerator.Convolution.Strategy = ConvolutionStrategy.Lowered;
        using var density = new GpuModelLogDensity(accelerator, BayesianNetworks.SmallCnn(), BayesianNetworks.Images(4, 313), BayesianNetworks.Labels(4, 3, 314));
        var fork = (GpuModelLogDensity)density.Fork();
        Assert.That(fork.Accelerator.Convolution.Strategy, Is.EqualTo(ConvolutionStrategy.Lowered));
    }

    [Test]
    public void UnsupportedLikelihoodsAndBadLabelsThrowClearly()
    {
        var model = BayesianNetworks.SmallCnn();
        var x = BayesianNetworks.Images(4, 311);
        var y = BayesianNetworks.Labels(4, 3, 312);
        var binary = Assert.Throws<NotSupportedException>(() =>
            new GpuModelLogDensity(Gpu, model, x, y, new ModelOptions { ModelLoss = ModelLoss.BinaryClassLinearOutput }));
        Assert.That(binary!.Message, Does.Contain("BinaryClassLinearOutput"));

        var custom = Assert.Throws<NotSupportedException>(() =>
            new GpuModelLogDensity(Gpu, model, x, y, Likelihood<float>.Custom("hinge", (f, t) => f.Sum()), ModelPrior.For(model, null)));
        Assert.That(custom!.Message, Is.EqualTo(
            "The device log-posterior supports the MultiClassLinearOutput and Regression likelihoods; got the custom likelihood 'hinge'. Sample on the CPU (ModelSampling.SampleModel) for the others."));

        var badLabel = Assert.Throws<ArgumentException>(() =>
            new GpuModelLogDensity(Gpu, model, x, Tensor.FromVector<float>(0, 1, 3, 2)));
        Assert.That(badLabel!.Message, Does.Contain("label 3 of row 2"));

        Assert.Throws<ShapeMismatchException>(() => new GpuModelLogDensity(Gpu, model, x, Tensor.FromVector<float>(0, 1, 2)));
    }
}
