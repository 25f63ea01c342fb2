using Hmc.Native.Backends;

namespace Hmc.Native.Tests.Backends;

public unsafe class GemmTests
{
    private static double[] Random(int length, int seed)
    {
        var rng = new Random(seed);
        var v = new double[length];
        for (int i = 0; i < v.Length; i++) v[i] = rng.NextDouble() * 2 - 1;
        return v;
    }

    /// <summary>The naive triple loop C + A·B for row-major A [m,k], B [k,n], C [m,n].</summary>
    private static double[] NaiveProduct(int m, int n, int k, double[] a, double[] b, double[] c)
    {
        var result = (double[])c.Clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                result[i * n + j] += s;
            }
        return result;
    }

    private static double[] Transpose(double[] a, int rows, int columns)
    {
        var t = new double[a.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) t[j * rows + i] = a[i * columns + j];
        return t;
    }

    [TestCase(1, 1, 1)]
    [TestCase(5, 7, 3)]
    [TestCase(4, 8, 1)]
    [TestCase(13, 37, 300)]
    [TestCase(50, 64, 500)]
    [TestCase(9, 600, 260)]
    [TestCase(3, 5, 1030)]
    public void AllThreeLayoutsMatchTheNaiveProduct(int m, int n, int k)
    {
        var a = Random(m * k, 1);
        var b = Random(k * n, 2);
        var c0 = Random(m * n, 3);
        var expected = NaiveProduct(m, n, k, a, b, c0);
        var aT = Transpose(a, m, k);
        var bT = Transpose(b, k, n);
        double[] plain = (double[])c0.Clone(), transposedA = (double[])c0.Clone(), transposedB = (double[])c0.Clone();
        double[] overwritten = Random(m * n, 4);
        fixed (double* pa = a, pb = b, paT = aT, pbT = bT, p1 = plain, p2 = transposedA, p3 = transposedB, p4 = overwritten)
        {
            Gemm.MultiplyAdd(m, n, k, pa, pb, p1);
            Gemm.MultiplyAddTransposedA(m, n, k, paT, pb, p2);
            Gemm.MultiplyAddTransposedB(m, n, k, pa, pbT, p3);
            Gemm.MultiplyAdd(m, n, k, pa, pb, p4, accumulate: false);
        }
        var product = NaiveProduct(m, n, k, a, b, new double[m * n]);
        DerivativeCheck.AssertClose(plain, expected, 1e-12, "A·B");
        DerivativeCheck.AssertClose(transposedA, expected, 1e-12, "Aᵀ·B");
        DerivativeCheck.AssertClose(transposedB, expected, 1e-12, "A·Bᵀ");
        DerivativeCheck.AssertClose(overwritten, product, 1e-12, "C = A·B");
    }

    [TestCase(9, 33, 7)]
    [TestCase(103, 70, 400)]
    public void ParallelProductWithStridedOperandsMatchesTheNaiveProduct(int m, int n, int k)
    {
        var a = Random(m * k, 5);
        var b = Random(k * n, 6);
        var c0 = Random(m * n, 7);
        var expected = NaiveProduct(m, n, k, a, b, c0);
        var aT = Transpose(a, m, k);
        var bT = Transpose(b, k, n);
        var c = (double[])c0.Clone();
        fixed (double* paT = aT, pbT = bT, pc = c)
            Gemm.ParallelMultiplyAdd(new CpuParallelism(2), m, n, k, paT, 1, m, pbT, 1, k, pc, n);
        DerivativeCheck.AssertClose(c, expected, 1e-12, "parallel Aᵀ·Bᵀ");
    }

    [TestCase(1, 1)]
    [TestCase(7, 3)]
    [TestCase(1000, 50)]
    [TestCase(20000, 110)]
    public void MatrixVectorProductsMatchTheNaiveProduct(int m, int k)
    {
        var a = Random(m * k, 12);
        var b = Random(k, 13);
        var c0 = Random(m, 14);
        var expected = NaiveProduct(m, 1, k, a, b, c0);
        var aT = Transpose(a, m, k);
        double[] plain = (double[])c0.Clone(), transposedA = (double[])c0.Clone(), split = (double[])c0.Clone();
        double[] overwritten = Random(m, 15), overwrittenT = Random(m, 16), strided = Random(3 * m, 17);
        var stridedBefore = (double[])strided.Clone();
        fixed (double* pa = a, pb = b, paT = aT, p1 = plain, p2 = transposedA, p3 = split, p4 = overwritten, p5 = overwrittenT, p6 = strided)
        {
            Gemm.MultiplyAdd(m, 1, k, pa, pb, p1);
            Gemm.MultiplyAddTransposedA(m, 1, k, paT, pb, p2);
            Gemm.ParallelMultiplyAdd(new CpuParallelism(2), m, 1, k, paT, 1, m, pb, 1, 1, p3, 1);
            Gemm.MultiplyAdd(m, 1, k, pa, pb, p4, accumulate: false);
            Gemm.MultiplyAddTransposedA(m, 1, k, paT, pb, p5, accumulate: false);
            Gemm.MultiplyAdd(m, 1, k, pa, k, 1, pb, 1, 1, p6, 3);
        }
        var product = NaiveProduct(m, 1, k, a, b, new double[m]);
        DerivativeCheck.AssertClose(plain, expected, 1e-12, "A·b");
        DerivativeCheck.AssertClose(transposedA, expected, 1e-12, "Aᵀ·b");
        DerivativeCheck.AssertClose(split, expected, 1e-12, "parallel Aᵀ·b");
        DerivativeCheck.AssertClose(overwritten, product, 1e-12, "c = A·b");
        DerivativeCheck.AssertClose(overwrittenT, product, 1e-12, "c = Aᵀ·b");
        for (int i = 0; i < m; i++)
        {
            Assert.That(strided[3 * i], Is.EqualTo(stridedBefore[3 * i] + product[i]).Within(1e-12 * (1 + Math.Abs(product[i]))), $"strided C[{i}]");
            Assert.That(strided[3 * i + 1], Is.EqualTo(stridedBefore[3 * i + 1]), $"untouched {3 * i + 1}");
        }
    }

    [Test]
    public void SpanProductChecksTheLengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.MultiplyAdd<double>(new double[5], false, new double[6], false, new double[4], 2, 3, 2, CpuParallelism.Serial));
        Assert.That(ex!.Message, Is.EqualTo("Matrix product 2×3 by 3×2: operand spans of length 5, 6 and 4 are too short."));
    }

    [Test]
    public void BothOperandsTransposedMatchTheNaiveProduct()
    {
        const int m = 13, k = 17, n = 19;
        var a = Random(m * k, 18);
        var b = Random(k * n, 19);
        var expected = NaiveProduct(m, n, k, a, b, new double[m * n]);
        var c = new double[m * n];
        Gemm.MultiplyAdd<double>(Transpose(a, m, k), true, Transpose(b, k, n), true, c, m, k, n, CpuParallelism.Serial);
        DerivativeCheck.AssertClose(c, expected, 1e-12, "Aᵀ·Bᵀ");
    }

    [Test]
    public void SinglePrecisionMatchesTheNaiveProduct()
    {
        const int m = 22, n = 45, k = 300;
        var a = Random(m * k, 8);
        var b = Random(k * n, 9);
        var expected = NaiveProduct(m, n, k, a, b, new double[m * n]);
        var af = a.Select(v => (float)v).ToArray();
        var bf = b.Select(v => (float)v).ToArray();
        var c = new float[m * n];
        fixed (float* pa = af, pb = bf, pc = c)
            Gemm.MultiplyAdd(m, n, k, pa, pb, pc);
        DerivativeCheck.AssertClose(c.Select(v => (double)v).ToArray(), expected, 1e-4, "float A·B");
    }

    [Test]
    public void NaNInAPropagatesOnlyToItsRow()
    {
        const int m = 6, n = 20, k = 5;
        var a = Random(m * k, 10);
        var b = Random(k * n, 11);
        a[2 * k + 3] = double.NaN;
        var c = new double[m * n];
        fixed (double* pa = a, pb = b, pc = c)
            Gemm.MultiplyAdd(m, n, k, pa, pb, pc);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                Assert.That(double.IsNaN(c[i * n + j]), Is.EqualTo(i == 2), $"C[{i},{j}]");
    }
}
