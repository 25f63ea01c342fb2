using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class ElementwiseKernelTests(Device device)
{
    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    private static readonly float[] Special = [0f, -0f, 1f, -1f, 0.5f, -2.5f, 20f, -20f, 100f, -100f, float.NaN, float.PositiveInfinity, float.NegativeInfinity];

    private BackendTolerance tolerance = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _ = Gpu;
        tolerance = BackendTolerance.For(device);
    }

    private static float[] Inputs(int seed) => [.. Special, .. TestData.Uniform(50, seed, -5f, 5f)];

    private void CheckUnary<TOperation>(Func<double, double> reference, float[] input)
        where TOperation : struct, IUnaryOperation
    {
        using var x = Gpu.Upload<float>(input);
        using var y = Gpu.Allocate<float>(input.Length);
        Gpu.Elementwise.Unary<TOperation>(x.View, y.View);
        tolerance.AssertClose(Array.ConvertAll(input, v => reference(v)), y.ToArray(), typeof(TOperation).Name);
    }

    [Test]
    public void Exp() => CheckUnary<ExpOperation>(v => (float)Math.Exp(v), Inputs(1));

    [Test]
    public void Log() => CheckUnary<LogOperation>(Math.Log, Inputs(2));

    [Test]
    public void Tanh() => CheckUnary<TanhOperation>(Math.Tanh, [.. Inputs(3), .. TestData.Uniform(40, 9, -0.7f, 0.7f), 1e-3f, -1e-6f, 1e-30f, 0.625f, 0.626f, 9f, -9f]);

    [Test]
    public void ReluPropagatesNaN() => CheckUnary<ReluOperation>(v => double.IsNaN(v) ? double.NaN : Math.Max(v, 0), Inputs(4));

    [Test]
    public void Sigmoid() => CheckUnary<SigmoidOperation>(v => 1 / (1 + Math.Exp(-v)), Inputs(5));

    [Test]
    public void Softplus() => CheckUnary<SoftplusOperation>(v => v > 30 ? v : Math.Log(1 + Math.Exp(v)), Inputs(6));

    [Test]
    public void NegateSquareSqrtAbs()
    {
        var input = Inputs(7);
        CheckUnary<NegateOperation>(v => -v, input);
        CheckUnary<SquareOperation>(v => (float)(v * v), input);
        CheckUnary<SqrtOperation>(Math.Sqrt, input);
        CheckUnary<AbsOperation>(Math.Abs, input);
    }

    [Test]
    public void UnaryMayRunInPlace()
    {
        var input = TestData.Uniform(40, 8);
        using var x = Gpu.Upload<float>(input);
        Gpu.Elementwise.Unary<ExpOperation>(x.View, x.View);
        tolerance.AssertClose(Array.ConvertAll(input, v => Math.Exp(v)), x.ToArray(), "in-place exp");
    }

    private void CheckBinary<TOperation>(Func<double, double, double> reference)
        where TOperation : struct, IBinaryOperation
    {
        float[] a = [.. Special, .. TestData.Uniform(30, 11, -3f, 3f)];
        float[] b = [.. Special.Reverse(), .. TestData.Uniform(30, 12, -3f, 3f)];
        using var av = Gpu.Upload<float>(a);
        using var bv = Gpu.Upload<float>(b);
        using var y = Gpu.Allocate<float>(a.Length);
        Gpu.Elementwise.Binary<TOperation>(av.View, bv.View, y.View);
        var expected = new double[a.Length];
        for (int i = 0; i < a.Length; i++) expected[i] = reference(a[i], b[i]);
        tolerance.AssertClose(expected, y.ToArray(), typeof(TOperation).Name);

        Gpu.Elementwise.BinaryScalar<TOperation>(av.View, 0.75f, y.View);
        tolerance.AssertClose(Array.ConvertAll(a, v => reference(v, 0.75f)), y.ToArray(), typeof(TOperation).Name + " scalar");
    }

    [Test]
    public void ArithmeticMatchesIeee()
    {
        CheckBinary<AddOperation>((x, y) => x + y);
        CheckBinary<SubtractOperation>((x, y) => x - y);
        CheckBinary<MultiplyOperation>((x, y) => x * y);
        CheckBinary<DivideOperation>((x, y) => (float)x / (float)y);
    }

    [Test]
    public void MaximumAndActivationGradients()
    {
        CheckBinary<MaximumOperation>((x, y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Max(x, y));
        CheckBinary<ReluGradientOperation>((x, g) => x > 0 ? g : 0);
        CheckBinary<TanhGradientOperation>((y, g) => g * (1 - (y * y)));
        CheckBinary<KineticEnergyTermOperation>((p, m) => 0.5 * m * p * p);
    }

    [TestCase(new[] { 3, 4 }, new[] { 4 })]
    [TestCase(new[] { 3, 1 }, new[] { 1, 4 })]
    [TestCase(new[] { 2, 3, 2, 2 }, new[] { 1, 3, 1, 1 })]
    [TestCase(new[] { 5 }, new int[0])]
    [TestCase(new[] { 2, 1, 3 }, new[] { 4, 1 })]
    [TestCase(new[] { 2, 3 }, new[] { 2, 3 })]
    public void BroadcastingMatchesNumPyRules(int[] aShape, int[] bShape)
    {
        var a = TestData.Uniform(aShape.Aggregate(1, (p, e) => p * e), 21);
        var b = TestData.Uniform(bShape.Aggregate(1, (p, e) => p * e), 22);
        var outShape = BroadcastShape(aShape, bShape);
        var expected = new double[outShape.Aggregate(1, (p, e) => p * e)];
        for (int i = 0; i < expected.Length; i++)
        {
            var index = Unravel(i, outShape);
            expected[i] = a[Ravel(index, aShape)] - b[Ravel(index, bShape)];
        }

        using var av = Gpu.Upload<float>(a);
        using var bv = Gpu.Upload<float>(b);
        using var y = Gpu.Allocate<float>(expected.Length);
        Gpu.Elementwise.BinaryBroadcast<SubtractOperation>(av.View, aShape, bv.View, bShape, y.View);
        tolerance.AssertClose(expected, y.ToArray(), "broadcast subtract");
        Assert.That(BroadcastLayout.Create(aShape, bShape).OutputShape(), Is.EqualTo(outShape));
    }

    [Test]
    public void IncompatibleShapesThrowWithBothShapes()
    {
        using var a = Gpu.Allocate<float>(6);
        using var b = Gpu.Allocate<float>(4);
        using var y = Gpu.Allocate<float>(6);
        var error = Assert.Throws<ArgumentException>(() => Gpu.Elementwise.BinaryBroadcast<AddOperation>(a.View, [2, 3], b.View, [4], y.View));
        Assert.That(error!.Message, Does.Contain("(2, 3)").And.Contain("(4)"));
        Assert.Throws<ArgumentException>(() => BroadcastLayout.Create([1, 1, 1, 1, 2], [2]));
    }

    [Test]
    public void MismatchedLengthsThrow()
    {
        using var a = Gpu.Allocate<float>(6);
        using var y = Gpu.Allocate<float>(5);
        var error = Assert.Throws<ArgumentException>(() => Gpu.Elementwise.Unary<ExpOperation>(a.View, y.View));
        Assert.That(error!.Message, Does.Contain("5").And.Contain("6"));
    }

    private static int[] BroadcastShape(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var shape = new int[rank];
        for (int k = 0; k < rank; k++)
        {
            int ea = k - (rank - a.Length) >= 0 ? a[k - (rank - a.Length)] : 1;
            int eb = k - (rank - b.Length) >= 0 ? b[k - (rank - b.Length)] : 1;
            shape[k] = Math.Max(ea, eb);
        }

        return shape;
    }

    private static int[] Unravel(int linear, int[] shape)
    {
        var index = new int[shape.Length];
        for (int k = shape.Length - 1; k >= 0; k--)
        {
            index[k] = linear % shape[k];
            linear /= shape[k];
        }

        return index;
    }

    private static int Ravel(int[] outIndex, int[] shape)
    {
        int offset = 0;
        int skip = outIndex.Length - shape.Length;
        for (int k = 0; k < shape.Length; k++) offset = (offset * shape[k]) + (shape[k] == 1 ? 0 : outIndex[k + skip]);
        return offset;
    }
}
