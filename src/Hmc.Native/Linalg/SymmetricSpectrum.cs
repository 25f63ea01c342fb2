using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// The eigendecomposition sym(A) = Q diag(λ) Qᵀ of the values of a square matrix, computed once and shared by the
/// spectral operations on the same matrix (<see cref="SymmetricMatrixFunctionOp"/>,
/// <see cref="SymmetricTraceFunctionOp"/>), whose backward rules both read Q and λ.
/// </summary>
public sealed class SymmetricSpectrum
{
    private readonly double[] _source;

    private SymmetricSpectrum(double[] source, double[] vectors, double[] values)
    {
        _source = source;
        Vectors = vectors;
        Values = values;
    }

    /// <summary>Q, row-major: column k is the eigenvector of λ_k.</summary>
    internal double[] Vectors { get; }

    /// <summary>λ in ascending order.</summary>
    internal double[] Values { get; }

    /// <summary>The order n of the matrix.</summary>
    public int Order => Values.Length;

    /// <summary>Decomposes the symmetric part of the n×n matrix <paramref name="a"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not a square matrix.</exception>
    public static SymmetricSpectrum Of(Tensor<double> a)
    {
        int n = MatrixArguments.SquareOrder(a.Shape, "symmetric-spectrum", nameof(a));
        return Of(a.Values, n);
    }

    /// <summary>Decomposes the symmetric part of the n×n matrix whose row-major values are <paramref name="a"/>.</summary>
    internal static SymmetricSpectrum Of(ReadOnlySpan<double> a, int n)
    {
        var spectrum = new SymmetricSpectrum(new double[n * n], new double[n * n], new double[n]);
        spectrum.Decompose(a);
        return spectrum;
    }

    /// <summary>Q diag(f(λ)) Qᵀ, the matrix function f of the decomposed matrix, as a new row-major array.</summary>
    internal double[] MatrixFunction(Func<double, double> f)
    {
        var w = new double[Order];
        for (int k = 0; k < w.Length; k++) w[k] = f(Values[k]);
        var result = new double[Order * Order];
        AddReconstruction(w, result);
        return result;
    }

    /// <summary>
    /// Decomposes <paramref name="a"/> (the values of an n×n matrix) in place of the current decomposition, unless it
    /// is the matrix decomposed last; a matrix with a non-finite entry gives NaN eigenvalues and vectors.
    /// </summary>
    internal void Refresh(ReadOnlySpan<double> a)
    {
        if (!a.SequenceEqual(_source)) Decompose(a);
    }

    private void Decompose(ReadOnlySpan<double> a)
    {
        int n = Order;
        a.CopyTo(_source);
        SymmetricPart.Write(a, n, Vectors);
        SymmetricEigenKernel.Decompose<double>(Vectors, n, Values, new double[n]);
    }

    /// <summary>Q diag(w) Qᵀ, added into <paramref name="destination"/>.</summary>
    internal void AddReconstruction(ReadOnlySpan<double> w, Span<double> destination)
    {
        int n = Order;
        var q = Vectors;
        Span<double> scaledRow = n <= 256 ? stackalloc double[n] : new double[n];
        for (int i = 0; i < n; i++)
        {
            var rowI = q.AsSpan(i * n, n);
            TensorPrimitives.Multiply(rowI, w, scaledRow);
            for (int j = i; j < n; j++)
            {
                double v = RowDot.Dot<double>(scaledRow, q.AsSpan(j * n, n));
                destination[i * n + j] += v;
                if (j != i) destination[j * n + i] += v;
            }
        }
    }
}
