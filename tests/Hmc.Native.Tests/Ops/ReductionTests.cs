using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class ReductionTests
{
    // 24 distinct values for a [2, 3, 4] tensor, so every axis has outer, size and inner parts.
    private static readonly double[] Cube = Enumerable.Range(0, 24).Select(i => Math.Sin(1.3 * i + 0.2) * (1 + 0.05 * i)).ToArray();
    private static readonly Shape CubeShape = new(2, 3, 4);

    private static double[,,] AsArray(double[] x)
    {
        var a = new double[2, 3, 4];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++) a[i, j, k] = x[(i * 3 + j) * 4 + k];
        return a;
    }

    /// <summary>Reference reduction of a [2, 3, 4] array along <paramref name="axis"/> with <paramref name="reduce"/>, row-major.</summary>
    private static double[] ReduceReference(double[] x, int axis, Func<double[], double> reduce)
    {
        var a = AsArray(x);
        int[] dims = [2, 3, 4];
        var result = new List<double>();
        int[] rest = [.. Enumerable.Range(0, 3).Where(d => d != axis)];
        for (int p = 0; p < dims[rest[0]]; p++)
            for (int q = 0; q < dims[rest[1]]; q++)
            {
                var line = new double[dims[axis]];
                for (int k = 0; k < line.Length; k++)
                {
                    var idx = new int[3];
                    idx[axis] = k;
                    idx[rest[0]] = p;
                    idx[rest[1]] = q;
                    line[k] = a[idx[0], idx[1], idx[2]];
                }
                result.Add(reduce(line));
            }
        return [.. result];
    }

    private static double NaiveLogSumExp(double[] line) => Math.Log(line.Sum(Math.Exp));

    [Test]
    public void MeanMatchesAverage()
    {
        var t = Tensor.FromSpan<double>(Cube, CubeShape);
        Assert.That(t.Mean().ToScalar(), Is.EqualTo(Cube.Average()).Within(1e-15));
        for (int axis = 0; axis < 3; axis++)
            Assert.That(t.Mean(axis).ToArray(), Is.EqualTo(ReduceReference(Cube, axis, l => l.Average())).Within(1e-15), $"axis {axis}");
        Assert.That(t.Mean(-2, keepDim: true).Shape, Is.EqualTo(new Shape(2, 1, 4)));
        Assert.That(Tensor.Zeros<double>(new Shape(0)).Mean().ToScalar(), Is.NaN);
    }

    [Test]
    public void MaxMatchesLinq()
    {
        var t = Tensor.FromSpan<double>(Cube, CubeShape);
        Assert.That(t.Max().ToScalar(), Is.EqualTo(Cube.Max()));
        for (int axis = 0; axis < 3; axis++)
            Assert.That(t.Max(axis).ToArray(), Is.EqualTo(ReduceReference(Cube, axis, l => l.Max())), $"axis {axis}");
        Assert.That(t.Max(1, keepDim: true).Shape, Is.EqualTo(new Shape(2, 1, 4)));
        Assert.That(t.Max(2).Shape, Is.EqualTo(new Shape(2, 3)));
    }

    [Test]
    public void LogSumExpMatchesNaiveFormula()
    {
        var t = Tensor.FromSpan<double>(Cube, CubeShape);
        Assert.That(t.LogSumExp().ToScalar(), Is.EqualTo(NaiveLogSumExp(Cube)).Within(1e-14));
        for (int axis = 0; axis < 3; axis++)
            Assert.That(t.LogSumExp(axis).ToArray(), Is.EqualTo(ReduceReference(Cube, axis, NaiveLogSumExp)).Within(1e-14), $"axis {axis}");
        Assert.That(t.LogSumExp(0, keepDim: true).Shape, Is.EqualTo(new Shape(1, 3, 4)));
    }

    [Test]
    public void SoftmaxAndLogSoftmaxMatchTheDefinition()
    {
        var t = Tensor.FromSpan<double>(Cube, CubeShape);
        for (int axis = 0; axis < 3; axis++)
        {
            var logSoftmax = t.LogSoftmax(axis).ToArray();
            var softmax = t.Softmax(axis).ToArray();
            var lse = t.LogSumExp(axis, keepDim: true);
            var expected = (t - lse).ToArray();
            Assert.That(logSoftmax, Is.EqualTo(expected).Within(1e-14), $"log-softmax axis {axis}");
            Assert.That(softmax, Is.EqualTo(expected.Select(Math.Exp).ToArray()).Within(1e-15), $"softmax axis {axis}");
            Assert.That(t.Softmax(axis).Sum(axis).ToArray(), Is.All.EqualTo(1.0).Within(1e-14), $"softmax sums to 1 along axis {axis}");
        }
    }

    [Test]
    public void ReductionsAreStableForLargeInputs()
    {
        var big = Tensor.FromSpan<double>([1000, 999, -1000, 800, 801, 799], new Shape(2, 3));
        var lse = big.LogSumExp(1).ToArray();
        Assert.That(lse[0], Is.EqualTo(1000 + Math.Log(1 + Math.Exp(-1))).Within(1e-12));
        Assert.That(lse[1], Is.EqualTo(801 + Math.Log(1 + Math.Exp(-1) + Math.Exp(-2))).Within(1e-12));
        Assert.That(big.LogSumExp(0).ToArray()[2], Is.EqualTo(799.0).Within(1e-12));
        var softmax = big.Softmax(-1).ToArray();
        Assert.That(softmax, Has.All.Not.NaN);
        Assert.That(softmax[2], Is.EqualTo(0.0));
        var logSoftmax = big.LogSoftmax(-1).ToArray();
        Assert.That(logSoftmax[2], Is.EqualTo(-2000 - Math.Log(1 + Math.Exp(-1))).Within(1e-9));
    }

    [Test]
    public void LogSumExpLimits()
    {
        Assert.That(Tensor.FromVector(double.NegativeInfinity, double.NegativeInfinity).LogSumExp().ToScalar(), Is.EqualTo(double.NegativeInfinity));
        Assert.That(Tensor.FromVector(1.0, double.PositiveInfinity).LogSumExp().ToScalar(), Is.EqualTo(double.PositiveInfinity));
        Assert.That(Tensor.FromVector(1.0, double.NaN).LogSumExp().ToScalar(), Is.NaN);
        Assert.That(Tensor.FromVector(double.NegativeInfinity, 0.0).LogSumExp().ToScalar(), Is.EqualTo(0.0));
        Assert.That(Tensor.Zeros<double>(new Shape(0)).LogSumExp().ToScalar(), Is.EqualTo(double.NegativeInfinity));
        var grad = Derivatives.Gradient<double>(t => t.LogSumExp(), [double.NegativeInfinity, 0.0]);
        Assert.That(grad, Is.EqualTo(new[] { 0.0, 1.0 }));
    }

    /// <summary>Each reduction, for the derivative checks: all-element forms and every axis of the cube, keepDim both ways.</summary>
    public static IEnumerable<TestCaseData> ReductionCases()
    {
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)(t => t.Mean() * t.Sin().Mean())).SetName("Mean()");
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)(t => t.Max() * t.Max() + t.Sum())).SetName("Max()");
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)(t => t.LogSumExp() * t.LogSumExp())).SetName("LogSumExp()");
        for (int axis = -3; axis < 3; axis++)
        {
            int a = axis;
            bool keep = axis % 2 == 0;
            yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)(t => OpCheck.Readout(t.Reshape(CubeShape).Mean(a, keep).Square())))
                .SetName($"Mean({a}, keepDim: {keep})");
            yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)(t => OpCheck.Readout(t.Reshape(CubeShape).Max(a, keep).Sin())))
                .SetName($"Max({a}, keepDim: {keep})");
            yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)(t => OpCheck.Readout(t.Reshape(CubeShape).LogSumExp(a, keep))))
                .SetName($"LogSumExp({a}, keepDim: {keep})");
            yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)(t => OpCheck.Readout(t.Reshape(CubeShape).LogSoftmax(a))))
                .SetName($"LogSoftmax({a})");
            yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)(t => OpCheck.Readout(t.Reshape(CubeShape).Softmax(a))))
                .SetName($"Softmax({a})");
        }
    }

    [TestCaseSource(nameof(ReductionCases))]
    public void DerivativesMatchFiniteDifferences(Func<Tensor<double>, Tensor<double>> f) => DerivativeCheck.Check(f, Cube);

    [Test]
    public void ThirdDerivativesOfTheSmoothReductionsMatchFiniteDifferences()
    {
        double[] x = [0.4, -1.1, 0.9, 0.2, 1.3, -0.5];
        OpCheck.CheckThirdOrder(t => OpCheck.Readout(t.Reshape(2, 3).LogSumExp(1)), x);
        OpCheck.CheckThirdOrder(t => OpCheck.Readout(t.Reshape(2, 3).LogSoftmax(0)), x);
        OpCheck.CheckThirdOrder(t => OpCheck.Readout(t.Reshape(2, 3).Softmax(1)), x);
        OpCheck.CheckThirdOrder(t => t.LogSumExp() * t.Mean(), x);
        OpCheck.CheckThirdOrder(t => OpCheck.Readout(t.Reshape(2, 3).Max(0).Exp()), x);
    }

    [Test]
    public void MaxGradientGoesToTheFirstArgMax()
    {
        var grad = Derivatives.Gradient<double>(t => t.Max(), [1.0, 3.0, 2.0, 3.0]);
        Assert.That(grad, Is.EqualTo(new[] { 0.0, 1.0, 0.0, 0.0 }));
        // As [3, 2]: columns (5, 5, 3) and (1, 2, 2); the first of each tie wins.
        var m = new double[] { 5, 1, 5, 2, 3, 2 };
        grad = Derivatives.Gradient<double>(t => t.Reshape(3, 2).Max(0).Sum(), m);
        Assert.That(grad, Is.EqualTo(new double[] { 1, 0, 0, 1, 0, 0 }), "axis 0");
        // As [2, 3]: rows (5, 1, 5) and (2, 3, 2).
        grad = Derivatives.Gradient<double>(t => t.Reshape(2, 3).Max(1).Sum(), m);
        Assert.That(grad, Is.EqualTo(new double[] { 1, 0, 0, 0, 1, 0 }), "axis 1");
        var hessianOfMax = Derivatives.Hessian<double>(t => t.Reshape(2, 3).Max(1).Sum(), m);
        Assert.That(hessianOfMax, Is.All.EqualTo(0.0));
    }

    [Test]
    public void InvalidAxesAndEmptyInputsThrow()
    {
        var t = Tensor.FromSpan<double>(Cube, CubeShape);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => t.LogSumExp(3));
        Assert.That(ex!.Message, Does.Contain("Axis 3").And.Contain("[2, 3, 4]"));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Max(-4));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Mean(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Softmax(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.LogSoftmax(-4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Scalar(1.0).Sum(0));
        var empty = Assert.Throws<ArgumentException>(() => Tensor.Zeros<double>(new Shape(0)).Max());
        Assert.That(empty!.Message, Does.Contain("no elements"));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros<double>(new Shape(2, 0)).Max(1));
    }
}
