using Hmc.Native.Gpu;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class SoftmaxKernelTests(Device device)
{
    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    private BackendTolerance tolerance = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _ = Gpu;
        tolerance = BackendTolerance.For(device).Times(2);
    }

    private static double[] LogSumExpRows(float[] z, int rows, int classes)
    {
        var result = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double max = double.NegativeInfinity;
            for (int k = 0; k < classes; k++) max = Math.Max(max, z[(r * classes) + k]);
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += Math.Exp(z[(r * classes) + k] - max);
            result[r] = max + Math.Log(sum);
        }

        return result;
    }

    [TestCase(6, 10, 0f)]
    [TestCase(3, 33, 80f)]
    public void LogSoftmaxRowsMatchesReference(int rows, int classes, float offset)
    {
        var z = TestData.Uniform(rows * classes, 71, -5f + offset, 5f + offset);
        var lse = LogSumExpRows(z, rows, classes);
        var expected = new double[z.Length];
        for (int i = 0; i < z.Length; i++) expected[i] = z[i] - lse[i / classes];
        using var input = Gpu.Upload<float>(z);
        using var output = Gpu.Allocate<float>(z.Length);
        Gpu.Softmax.LogSoftmaxRows(input.View, output.View, rows, classes);
        tolerance.AssertClose(expected, output.ToArray(), "log-softmax");
        Gpu.Softmax.LogSoftmaxRows(input.View, input.View, rows, classes);
        tolerance.AssertClose(expected, input.ToArray(), "log-softmax in place");
    }

    [Test]
    public void CrossEntropyLossAndGradientMatchReference()
    {
        const int rows = 7, classes = 10;
        var z = TestData.Uniform(rows * classes, 72, -4f, 4f);
        var labels = TestData.Labels(rows, classes, 73);
        var lse = LogSumExpRows(z, rows, classes);
        var rowLoss = new double[rows];
        var gradient = new double[z.Length];
        for (int r = 0; r < rows; r++)
        {
            rowLoss[r] = lse[r] - z[(r * classes) + labels[r]];
            for (int k = 0; k < classes; k++)
            {
                gradient[(r * classes) + k] = -0.5 * (Math.Exp(z[(r * classes) + k] - lse[r]) - (k == labels[r] ? 1 : 0));
            }
        }

        using var logits = Gpu.Upload<float>(z);
        using var labelView = Gpu.Upload<int>(labels);
        using var rowLse = Gpu.Allocate<float>(rows);
        using var losses = Gpu.Allocate<float>(rows);
        using var total = Gpu.Allocate<float>(1);
        using var grad = Gpu.Allocate<float>(z.Length);
        Gpu.CrossEntropy.NegativeLogLikelihood(logits.View, labelView.View, rowLse.View, losses.View, total.View, rows, classes);
        Gpu.CrossEntropy.Gradient(logits.View, labelView.View, rowLse.View, grad.View, rows, classes, scale: -0.5f);
        tolerance.AssertClose(lse, rowLse.ToArray(), "row log-sum-exp");
        tolerance.AssertClose(rowLoss, losses.ToArray(), "row losses");
        tolerance.AssertClose([rowLoss.Sum()], [total.Read(0)], "total loss");
        tolerance.AssertClose(gradient, grad.ToArray(), "gradient");
    }

    [Test]
    public void LabelOutOfRangeGivesNaN()
    {
        using var logits = Gpu.Upload<float>(TestData.Uniform(6, 74));
        using var labels = Gpu.Upload<int>([1, 3]);
        using var rowLse = Gpu.Allocate<float>(2);
        using var losses = Gpu.Allocate<float>(2);
        using var total = Gpu.Allocate<float>(1);
        using var grad = Gpu.Allocate<float>(6);
        Gpu.CrossEntropy.NegativeLogLikelihood(logits.View, labels.View, rowLse.View, losses.View, total.View, 2, 3);
        Gpu.CrossEntropy.Gradient(logits.View, labels.View, rowLse.View, grad.View, 2, 3);
        var rowLosses = losses.ToArray();
        Assert.That(rowLosses[0], Is.Not.NaN);
        Assert.That(rowLosses[1], Is.NaN);
        Assert.That(total.Read(0), Is.NaN);
        Assert.That(grad.ToArray()[3..], Has.All.NaN);
    }
}
