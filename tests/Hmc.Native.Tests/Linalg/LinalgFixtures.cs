using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;
using MathNet.Numerics.LinearAlgebra;

namespace Hmc.Native.Tests.Linalg;

/// <summary>Matrices for the linear-algebra tests and conversions to MathNet.Numerics, the independent reference.</summary>
public static class LinalgFixtures
{
    /// <summary>A random n×n matrix with entries in (−1, 1).</summary>
    public static double[] RandomMatrix(int n, int seed) => NaiveMatMul.Random(n * n, seed);

    /// <summary>A random symmetric positive-definite matrix B Bᵀ + n I.</summary>
    public static double[] RandomSpd(int n, int seed)
    {
        var b = RandomMatrix(n, seed);
        var s = NaiveMatMul.Multiply(b, NaiveMatMul.Transpose(b, n, n), n, n, n);
        for (int i = 0; i < n; i++) s[i * n + i] += n;
        return s;
    }

    /// <summary>S(x) = A Aᵀ + n I with A = x reshaped to n×n: a smooth map onto symmetric positive-definite matrices.</summary>
    public static Tensor<double> Spd(Tensor<double> x, int n)
    {
        var a = x.Reshape(n, n);
        return a.MatMul(a.Transpose()) + Tensor.Identity<double>(n) * (double)n;
    }

    /// <summary>A MathNet matrix from row-major values.</summary>
    public static Matrix<double> ToMathNet(ReadOnlySpan<double> rowMajor, int rows, int columns) =>
        Matrix<double>.Build.DenseOfRowMajor(rows, columns, rowMajor.ToArray());

    /// <summary>A constant tensor holding a square row-major matrix.</summary>
    public static Tensor<double> Square(double[] values, int n) => Tensor.FromSpan<double>(values, Shape.Matrix(n, n));
}
