using Hmc.Native.Autodiff;
using Hmc.Native.Gpu;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

/// <summary>
/// The compiled device network against the CPU modules: the forward pass against <c>Module.Forward</c>, and the
/// backward pass of ∂(Σ R ⊙ f)/∂w for a random R against the tape gradient, for each supported layer kind.
/// </summary>
[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class GpuNetworkTests(Device device)
{
    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    private BackendTolerance tolerance = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _ = Gpu;
        tolerance = BackendTolerance.For(device).Times(10);
    }

    private static IEnumerable<TestCaseData> Networks()
    {
        yield return new TestCaseData((Func<Module<float>>)BayesianNetworks.SmallCnn, new Shape(4, 1, 6, 6)).SetArgDisplayNames("conv-pool-relu-linear");
        yield return new TestCaseData((Func<Module<float>>)BayesianNetworks.PaddedCnn, new Shape(3, 1, 6, 6)).SetArgDisplayNames("padded-conv-tanh-overlapping-pool");
        yield return new TestCaseData((Func<Module<float>>)BayesianNetworks.SigmoidMlp, new Shape(5, 5)).SetArgDisplayNames("linear-tanh-sigmoid");
    }

    [TestCaseSource(nameof(Networks))]
    public void ForwardAndBackwardMatchTheCpuModules(Func<Module<float>> create, Shape inputShape)
    {
        var model = create();
        var x = TestData.Uniform(inputShape.Length, 201);
        var w = model.InitialParameters(7);
        var input = Tensor.FromSpan<float>(x, inputShape);

        var tape = new Tape<float>();
        var weights = tape.Variable(w);
        var output = model.Forward(input, weights);
        var r = TestData.Uniform(output.Length, 202);
        var loss = (output * Tensor.FromSpan<float>(r, output.Shape)).Sum();
        var expectedGradient = tape.Gradient(loss, weights).ToArray();

        using var network = new GpuNetwork(Gpu, model, inputShape);
        Assert.That(network.OutputShape, Is.EqualTo(output.Shape));
        Assert.That(network.ParameterCount, Is.EqualTo(model.ParameterCount));
        using var wBuffer = Gpu.Upload<float>(w);
        using var xBuffer = Gpu.Upload<float>(x);
        using var rBuffer = Gpu.Upload<float>(r);
        using var gBuffer = Gpu.Allocate<float>(w.Length);
        network.Forward(wBuffer.View, xBuffer.View);
        var actualOutput = new float[output.Length];
        network.CopyOutputToHost(actualOutput);
        tolerance.AssertClose(Array.ConvertAll(output.ToArray(), v => (double)v), actualOutput, "output");

        network.Backward(wBuffer.View, xBuffer.View, rBuffer.View, gBuffer.View);
        tolerance.AssertClose(Array.ConvertAll(expectedGradient, v => (double)v), gBuffer.ToArray(), "parameter gradient");

        // A second pass reuses every buffer and gives the same result.
        gBuffer.Clear();
        network.Forward(wBuffer.View, xBuffer.View);
        network.Backward(wBuffer.View, xBuffer.View, rBuffer.View, gBuffer.View);
        tolerance.AssertClose(Array.ConvertAll(expectedGradient, v => (double)v), gBuffer.ToArray(), "parameter gradient, second pass");
    }

    [Test]
    public void AnUnsupportedModuleIsNamed()
    {
        var model = new Sequential<float>(new Linear<float>(3, 4), new Softplus<float>(), new Linear<float>(4, 2));
        var error = Assert.Throws<NotSupportedException>(() => new GpuNetwork(Gpu, model, new Shape(2, 3)));
        Assert.That(error!.Message, Does.Contain("'1'").And.Contain("Softplus"));
    }

    [Test]
    public void ALayerThatDoesNotFitItsInputIsReported()
    {
        var model = new Sequential<float>(new Conv2d<float>(2, 3, 3), new Flatten<float>());
        var error = Assert.Throws<ArgumentException>(() => new GpuNetwork(Gpu, model, new Shape(4, 1, 6, 6)));
        Assert.That(error!.Message, Does.Contain("[N, 2, H, W]").And.Contain("[4, 1, 6, 6]"));
    }

    [Test]
    public void WrongViewLengthsThrow()
    {
        using var network = new GpuNetwork(Gpu, new Linear<float>(3, 2), new Shape(2, 3));
        using var w = Gpu.Allocate<float>(7);
        using var x = Gpu.Allocate<float>(5);
        var error = Assert.Throws<ArgumentException>(() => network.Forward(w.View, x.View));
        Assert.That(error!.Message, Does.Contain("parameters has 7 elements; expected 8"));
    }
}
