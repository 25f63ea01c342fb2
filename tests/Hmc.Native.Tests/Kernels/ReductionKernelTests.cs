using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

[TestFixture(Device.IlgpuCpu)]
[TestFixture(Device.Cuda)]
[TestFixture(Device.OpenCL)]
public sealed class ReductionKernelTests(Device device)
{
    private GpuAccelerator Gpu => KernelTestDevices.Accelerator(device);

    private BackendTolerance tolerance = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _ = Gpu;
        tolerance = BackendTolerance.For(device);
    }

    private static double LogSumExp(ReadOnlySpan<float> values)
    {
        double max = double.NegativeInfinity;
        foreach (float v in values) max = double.IsNaN(v) || v > max ? v : max;
        if (double.IsNaN(max)) return double.NaN;
        if (double.IsInfinity(max)) return max;
        double sum = 0;
        foreach (float v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    [TestCase(5, 37)]
    [TestCase(3, 1)]
    [TestCase(2, 300)]
    public void RowAndColumnReductions(int rows, int columns)
    {
        var x = TestData.Uniform(rows * columns, 31);
        using var input = Gpu.Upload<float>(x);
        using var rowOut = Gpu.Allocate<float>(rows);
        using var columnOut = Gpu.Allocate<float>(columns);
        var rowSums = new double[rows];
        var rowMax = new double[rows];
        var columnSums = new double[columns];
        var columnMax = new double[columns];
        Array.Fill(rowMax, double.NegativeInfinity);
        Array.Fill(columnMax, double.NegativeInfinity);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < columns; j++)
            {
                double v = x[(r * columns) + j];
                rowSums[r] += v;
                columnSums[j] += v;
                rowMax[r] = Math.Max(rowMax[r], v);
                columnMax[j] = Math.Max(columnMax[j], v);
            }
        }

        Gpu.Reductions.ReduceRows<SumReduction>(input.View, rowOut.View, rows, columns);
        tolerance.AssertClose(rowSums, rowOut.ToArray(), "row sums");
        Gpu.Reductions.ReduceRows<MaxReduction>(input.View, rowOut.View, rows, columns);
        tolerance.AssertClose(rowMax, rowOut.ToArray(), "row max");
        Gpu.Reductions.ReduceColumns<SumReduction>(input.View, columnOut.View, rows, columns);
        tolerance.AssertClose(columnSums, columnOut.ToArray(), "column sums");
        Gpu.Reductions.ReduceColumns<MaxReduction>(input.View, columnOut.View, rows, columns);
        tolerance.AssertClose(columnMax, columnOut.ToArray(), "column max");
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1000)]
    [TestCase(40000)]
    public void WholeArraySumAndMax(int length)
    {
        var x = TestData.Uniform(length, 32);
        using var input = Gpu.Upload<float>(x);
        using var result = Gpu.Allocate<float>(1);
        Gpu.Reductions.Reduce<SumReduction>(input.View, result.View);
        tolerance.Times(Math.Sqrt(Math.Max(length, 1))).AssertClose([x.Sum(v => (double)v)], [result.Read(0)], "sum");
        Gpu.Reductions.Reduce<MaxReduction>(input.View, result.View);
        double max = length == 0 ? double.NegativeInfinity : x.Max();
        Assert.That(result.Read(0), Is.EqualTo(max), "max");
    }

    [Test]
    public void MaxPropagatesNaN()
    {
        var x = TestData.Uniform(500, 33);
        x[321] = float.NaN;
        using var input = Gpu.Upload<float>(x);
        using var result = Gpu.Allocate<float>(1);
        Gpu.Reductions.Reduce<MaxReduction>(input.View, result.View);
        Assert.That(result.Read(0), Is.NaN);
    }

    [Test]
    public void LogSumExpRowsIsStableAndHandlesInfinities()
    {
        const int columns = 29;
        var x = TestData.Uniform(5 * columns, 34, -3f, 3f);
        for (int j = 0; j < columns; j++)
        {
            x[columns + j] += 1000f;
            x[(2 * columns) + j] = float.NegativeInfinity;
        }

        x[(3 * columns) + 4] = float.PositiveInfinity;
        x[(4 * columns) + 7] = float.NaN;
        var expected = new double[5];
        for (int r = 0; r < 5; r++) expected[r] = LogSumExp(x.AsSpan(r * columns, columns));
        using var input = Gpu.Upload<float>(x);
        using var output = Gpu.Allocate<float>(5);
        Gpu.Reductions.LogSumExpRows(input.View, output.View, 5, columns);
        tolerance.AssertClose(expected, output.ToArray(), "log-sum-exp rows");
        Assert.That(expected[2], Is.EqualTo(double.NegativeInfinity));
        Assert.That(expected[3], Is.EqualTo(double.PositiveInfinity));
    }

    [TestCase(7, 0f)]
    [TestCase(3000, 0f)]
    [TestCase(3000, 500f)]
    public void WholeArrayLogSumExp(int length, float shift)
    {
        var x = TestData.Uniform(length, 35, -4f + shift, 4f + shift);
        using var input = Gpu.Upload<float>(x);
        using var result = Gpu.Allocate<float>(1);
        Gpu.Reductions.LogSumExp(input.View, result.View);
        tolerance.AssertClose([LogSumExp(x)], [result.Read(0)], "log-sum-exp");
    }

    [Test]
    public void WholeArrayLogSumExpOfAllNegativeInfinityIsNegativeInfinity()
    {
        using var input = Gpu.Upload<float>([float.NegativeInfinity, float.NegativeInfinity]);
        using var result = Gpu.Allocate<float>(1);
        Gpu.Reductions.LogSumExp(input.View, result.View);
        Assert.That(result.Read(0), Is.EqualTo(float.NegativeInfinity));
    }

    [TestCase(13)]
    [TestCase(5000)]
    public void DotSumOfSquaresAndKineticEnergy(int length)
    {
        var a = TestData.Uniform(length, 36);
        var b = TestData.Uniform(length, 37);
        var inverseMass = TestData.Uniform(length, 38, 0.1f, 3f);
        double dot = 0;
        double squares = 0;
        double kinetic = 0;
        for (int i = 0; i < length; i++)
        {
            dot += (double)a[i] * b[i];
            squares += (double)a[i] * a[i];
            kinetic += 0.5 * inverseMass[i] * a[i] * a[i];
        }

        using var av = Gpu.Upload<float>(a);
        using var bv = Gpu.Upload<float>(b);
        using var mv = Gpu.Upload<float>(inverseMass);
        using var result = Gpu.Allocate<float>(1);
        var tol = tolerance.Times(Math.Sqrt(length));
        Gpu.Reductions.Dot(av.View, bv.View, result.View);
        tol.AssertClose([dot], [result.Read(0)], "dot");
        Gpu.Reductions.SumOfSquares(av.View, result.View);
        tol.AssertClose([squares], [result.Read(0)], "sum of squares");
        Gpu.Reductions.KineticEnergy(av.View, mv.View, result.View);
        tol.AssertClose([kinetic], [result.Read(0)], "kinetic energy");
    }

    [Test]
    public void ShapeMismatchThrows()
    {
        using var input = Gpu.Allocate<float>(10);
        using var output = Gpu.Allocate<float>(3);
        var error = Assert.Throws<ArgumentException>(() => Gpu.Reductions.ReduceRows<SumReduction>(input.View, output.View, 3, 4));
        Assert.That(error!.Message, Does.Contain("3 x 4"));
    }
}
