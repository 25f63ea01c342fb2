namespace Hmc.Native.Linalg;

/// <summary>
/// A Cholesky factorisation met a pivot that is not positive: the leading principal minor of order
/// <see cref="PivotIndex"/> + 1 of the (symmetric) matrix is not positive, so the matrix is not positive definite
/// (or it holds NaN). The message names the operation, the pivot index and the pivot's value.
/// </summary>
public sealed class NotPositiveDefiniteException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="operation"/> failing at row <paramref name="pivotIndex"/>.</summary>
    /// <param name="operation">The operation that needed the factorisation.</param>
    /// <param name="pivotIndex">The zero-based row whose pivot (the value under the square root) was not positive.</param>
    /// <param name="pivotValue">That pivot's value (zero, negative or NaN).</param>
    public NotPositiveDefiniteException(string operation, int pivotIndex, double pivotValue)
        : base($"{operation}: the matrix is not positive definite: the pivot at index {pivotIndex} is {pivotValue} " +
               $"(the leading minor of order {pivotIndex + 1} is not positive).")
    {
        PivotIndex = pivotIndex;
        PivotValue = pivotValue;
    }

    /// <summary>The zero-based row at which the factorisation failed.</summary>
    public int PivotIndex { get; }

    /// <summary>The value that was not positive: a_ii − Σ_{k&lt;i} l_ik² at row <see cref="PivotIndex"/>.</summary>
    public double PivotValue { get; }
}
