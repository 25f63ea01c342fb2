using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// The differentiable Cholesky factor: L = chol(S), S = (A + Aᵀ)/2 = L·Lᵀ with L lower triangular and
/// l_ii &gt; 0. Its backward rule is Murray (2016), "Differentiation of the Cholesky decomposition",
/// arXiv:1602.07527, in its symbolic form:
/// <code>
///   P = Φ(Lᵀ L̄),   Φ(X) = the lower triangle of X with its diagonal halved,
///   Ā = sym(L⁻ᵀ P L⁻¹),   sym(X) = (X + Xᵀ)/2.
/// </code>
/// It follows from dS = dL Lᵀ + L dLᵀ: L⁻¹ dS L⁻ᵀ = X + Xᵀ with X = L⁻¹dL lower triangular, so
/// dL = L Φ(L⁻¹ dS L⁻ᵀ), and ⟨L̄, dL⟩ = ⟨L⁻ᵀ Φ(Lᵀ L̄) L⁻¹, dS⟩ (Φ is self-adjoint). Only the lower triangle of
/// L̄ matters (Φ(Lᵀ U) = 0 for a strictly upper U). The product with L⁻ᵀ on both sides is done by two
/// triangular solves, never by forming L⁻¹. The rule is also written with differentiable operations
/// (matmul, triangular solve, transpose), so Hessians and higher derivatives pass through.
/// </summary>
/// <remarks>
/// The factorisation is of the symmetric part of A, so a symmetric input is factored as it is and the gradient is
/// the symmetric matrix that is exact for every perturbation. A matrix that is not positive definite (or holds NaN)
/// throws <see cref="NotPositiveDefiniteException"/> before anything is recorded; samplers that prefer a rejection
/// use <see cref="Cholesky.TryFactor(ReadOnlySpan{double}, int, Span{double})"/>.
/// </remarks>
public static class CholeskyOp
{
    /// <summary>The lower-triangular Cholesky factor L of the symmetric part of the square matrix <paramref name="a"/> (zeros above the diagonal).</summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not a square matrix.</exception>
    /// <exception cref="NotPositiveDefiniteException">The matrix is not positive definite; the message names the pivot index.</exception>
    public static Tensor<T> Cholesky<T>(this Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "cholesky", nameof(a));
        int n = MatrixArguments.SquareOrder(a.Shape, "cholesky", nameof(a));
        var rented = ArrayPool<T>.Shared.Rent(n * n);
        try
        {
            var l = rented.AsSpan(0, n * n);
            Factor(a.Values, n, l, "cholesky");
            var result = OpResult.New(Rule<T>.Instance, a.Shape, a);
            l.CopyTo(result.MutableValues);
            return OpResult.Done(result, Rule<T>.Instance);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>Writes chol((A + Aᵀ)/2) into <paramref name="l"/>.</summary>
    /// <exception cref="NotPositiveDefiniteException">The factorisation meets a pivot that is not positive.</exception>
    internal static void Factor<T>(ReadOnlySpan<T> a, int n, Span<T> l, string operation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SymmetricPart.WriteLower(a, n, l);
        if (!Linalg.Cholesky.FactorInPlace(l, n, out int pivot, out T value))
            throw new NotPositiveDefiniteException(operation, pivot, double.CreateTruncating(value));
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "cholesky";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            int n = nd.Shape[0];
            var l = tape.ValueSpan(node);
            var lBar = tape.AdjointSpan(node);
            var rentedP = ArrayPool<T>.Shared.Rent(n * n);
            var rentedZ = ArrayPool<T>.Shared.Rent(n * n);
            var p = rentedP.AsSpan(0, n * n);
            var z = rentedZ.AsSpan(0, n * n);

            // P = Φ(Lᵀ L̄).
            p.Clear();
            Gemm.MultiplyAdd<T>(l, true, lBar, false, p, n, n, n, tape.Parallelism);
            T half = T.CreateTruncating(0.5);
            for (int i = 0; i < n; i++)
            {
                p[i * n + i] *= half;
                p.Slice(i * n + i + 1, n - i - 1).Clear();
            }
            // Y = L⁻ᵀ P (Lᵀ is upper triangular: M(i, j) = L(j, i)).
            TriangularKernel.SolveInPlace<T>(l, n, 1, n, lower: false, unitDiagonal: false, p, n);
            // Z = L⁻ᵀ Yᵀ = (L⁻ᵀ P L⁻¹)ᵀ.
            TransposeOp.Swap<T>(p, Shape.Matrix(n, n), 0, 1, z, accumulate: false);
            TriangularKernel.SolveInPlace<T>(l, n, 1, n, lower: false, unitDiagonal: false, z, n);
            // Ā += (Z + Zᵀ)/2.
            SymmetricPart.Accumulate<T>(z, n, tape.AdjointOf(nd.A));
            ArrayPool<T>.Shared.Return(rentedP);
            ArrayPool<T>.Shared.Return(rentedZ);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var nd = tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            int n = nd.Shape[0];
            var l = new Tensor<T>(tape, node);
            var p = l.Transpose().MatMul(grad) * TriangleMask.Triangle(tape, n, lower: true, T.CreateTruncating(0.5));
            var y = l.TriangularSolve(p, lower: true, transpose: true);
            var z = l.TriangularSolve(y.Transpose(), lower: true, transpose: true);
            tape.AccumulateGraph(nd.A, (z + z.Transpose()) * T.CreateTruncating(0.5));
        }
    }
}
