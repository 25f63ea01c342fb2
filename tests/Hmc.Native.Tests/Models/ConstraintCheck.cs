using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Hmc.Native.Tests.Models;

/// <summary>
/// The references the constraint tests compare with: the forward map evaluated eagerly on doubles, the free coordinates
/// of a constrained value, and log|det| of a central finite-difference Jacobian.
/// </summary>
internal static class ConstraintCheck
{
    /// <summary>y = f(x) evaluated on constants (no tape), row-major.</summary>
    public static double[] Value(Constraint c, Shape shape, double[] x) => c.Forward(Tensor.FromVector<double>(x), shape).Value.ToArray();

    /// <summary>log|J| evaluated on constants (no tape).</summary>
    public static double LogJacobian(Constraint c, Shape shape, double[] x) => c.Forward(Tensor.FromVector<double>(x), shape).LogAbsDetJacobian.ToScalar();

    /// <summary>
    /// The coordinates of y that the log-Jacobian is taken with respect to (Stan Reference Manual): all elements, except
    /// y₁..y_{K−1} of a K-simplex (y_K = 1 − Σ) and the strictly lower entries L_ij (j &lt; i, row by row) of a
    /// correlation Cholesky factor (the diagonal and the upper zeros follow from them).
    /// </summary>
    public static double[] Free(Constraint c, Shape shape, double[] y)
    {
        if (ReferenceEquals(c, Constraint.Simplex)) return y[..^1];
        if (!ReferenceEquals(c, Constraint.CholeskyCorrelation)) return y;
        int k = shape[0];
        var free = new List<double>();
        for (int i = 1; i < k; i++)
            for (int j = 0; j < i; j++) free.Add(y[i * k + j]);
        return [.. free];
    }

    /// <summary>log|det ∂Free(f(x))/∂x| by central differences (step 1e-6) and an LU factorisation.</summary>
    public static double FiniteLogJacobian(Constraint c, Shape shape, double[] x)
    {
        int n = x.Length;
        var jacobian = Matrix<double>.Build.Dense(n, n);
        for (int j = 0; j < n; j++)
        {
            var column = DerivativeCheck.FiniteDerivative(v => Free(c, shape, Value(c, shape, v)), x, j, 1e-6);
            for (int i = 0; i < n; i++) jacobian[i, j] = column[i];
        }
        return Math.Log(Math.Abs(jacobian.Determinant()));
    }

    /// <summary>Σ wᵢ yᵢ + log|J| with fixed distinct weights: a scalar whose derivatives involve every element of y and the Jacobian term.</summary>
    public static Tensor<double> Readout(Constraint c, Shape shape, Tensor<double> x)
    {
        var (value, logJacobian) = c.Forward(x, shape);
        var w = new double[shape.Length];
        for (int i = 0; i < w.Length; i++) w[i] = 0.9 - 0.35 * i + 0.04 * i * i;
        return (value.Reshape(shape.Length) * Tensor.FromVector<double>(w)).Sum() + logJacobian;
    }

    /// <summary>A deterministic unconstrained point of <paramref name="n"/> reals in about (−1.4, 1.4), distinct per index and per <paramref name="seed"/>.</summary>
    public static double[] Point(int n, int seed = 0)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 1.4 * Math.Sin(1.7 * i + 0.4 + 0.9 * seed);
        return x;
    }
}
