using System.Buffers;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// Running sums of a vector recorded as one product with a constant 0/1 lower-triangular matrix, so that they are
/// exact and differentiable to every order with the tape's matrix product (O(n²) work, which the short vectors of
/// the transforms afford).
/// </summary>
internal static class PartialSums
{
    /// <summary>sⱼ = Σ_{i&lt;j} vᵢ for j = 0..n: n + 1 sums of the vector v of n elements, from the empty sum 0 to the total.</summary>
    public static Tensor<double> Exclusive(Tensor<double> v) => Product(v, v.Length + 1, 0);

    /// <summary>sⱼ = Σ_{i≤j} vᵢ for j = 0..n − 1 (the cumulative sum).</summary>
    public static Tensor<double> Inclusive(Tensor<double> v) => Product(v, v.Length, 1);

    /// <summary>M·v with M[r, c] = 1 when c &lt; r + <paramref name="shift"/>, else 0, for <paramref name="rows"/> rows.</summary>
    private static Tensor<double> Product(Tensor<double> v, int rows, int shift)
    {
        int n = v.Length;
        var rented = ArrayPool<double>.Shared.Rent(rows * n);
        var m = rented.AsSpan(0, rows * n);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < n; c++) m[r * n + c] = c < r + shift ? 1 : 0;
        var matrix = TapeConstants.Like(v, m, Shape.Matrix(rows, n));
        ArrayPool<double>.Shared.Return(rented);
        return matrix.MatMul(v);
    }
}
