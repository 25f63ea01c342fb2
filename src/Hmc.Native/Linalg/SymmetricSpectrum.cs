using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// The eigendecomposition sym(A) = Q diag(λ) Qᵀ of the values of a square matrix, computed once and shared by the
/// spectral operations on the same matrix (<see cref="SymmetricMatrixFunctionOp"/>,
/// <see cref="SymmetricTraceFunctionOp"/>), whose backward rules both read Q and λ.
/// </summary>
public sealed class SymmetricSpectrum
{
    private SymmetricSpectrum(double[] vectors, double[] values)
    {
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
        var q = new double[n * n];
        var lambda = new double[n];
        SymmetricPart.Write(a.Values, n, q);
        SymmetricEigenKernel.Decompose<double>(q, n, lambda, new double[n]);
        return new SymmetricSpectrum(q, lambda);
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
                double v = TensorPrimitives.Dot(scaledRow, q.AsSpan(j * n, n));
                destination[i * n + j] += v;
                if (j != i) destination[j * n + i] += v;
            }
        }
    }
}
