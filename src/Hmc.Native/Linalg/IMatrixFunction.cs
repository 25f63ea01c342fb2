namespace Hmc.Native.Linalg;

/// <summary>A scalar function f applied to a symmetric matrix through its eigenvalues: F(A) = Q diag(f(λ)) Qᵀ.</summary>
public interface IMatrixFunction
{
    /// <summary>f(λ).</summary>
    double Value(double lambda);

    /// <summary>f′(λ), used where two eigenvalues coincide.</summary>
    double Derivative(double lambda);
}
