using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// Solves a triangular system op(L)·X = B by substitution, op(L) = L or Lᵀ, for a right-hand side B that is a
/// vector or a matrix. With X̄ = ∂ℓ/∂X the adjoints are
/// <code>
///   B̄ = op(L)⁻ᵀ X̄              (one more triangular solve),
///   op(L)̄ = −B̄ Xᵀ,  so  L̄ = −B̄ Xᵀ (or −X B̄ᵀ when transposed), kept on the triangle that is read,
/// </code>
/// from dX = −op(L)⁻¹ d op(L) X + op(L)⁻¹ dB (Giles 2008, "An extended collection of matrix derivative results for forward and
/// reverse mode algorithmic differentiation"). Only the chosen triangle of L is read; the other one gets no gradient.
/// </summary>
/// <remarks>A zero on the diagonal of L gives infinities or NaN in the solution (no exception).</remarks>
public static class TriangularSolveOp
{
    /// <summary>
    /// X = op(L)⁻¹B where op(L) = <paramref name="l"/> or, when <paramref name="transpose"/>, its transpose;
    /// <paramref name="lower"/> says which triangle of <paramref name="l"/> holds the matrix (the other is ignored).
    /// </summary>
    /// <param name="l">The n×n triangular matrix.</param>
    /// <param name="b">A vector of length n or an n×r matrix.</param>
    /// <param name="lower">True to read the lower triangle (with the diagonal), false for the upper.</param>
    /// <param name="transpose">True to solve Lᵀ X = B.</param>
    /// <returns>X, with the shape of <paramref name="b"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="l"/> is not square.</exception>
    /// <exception cref="ShapeMismatchException"><paramref name="b"/> does not have n rows; the message names both shapes.</exception>
    public static Tensor<T> TriangularSolve<T>(this Tensor<T> l, Tensor<T> b, bool lower, bool transpose = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(l, "triangular-solve", nameof(l));
        OpResult.RequireTensor(b, "triangular-solve", nameof(b));
        int n = MatrixArguments.SquareOrder(l.Shape, "triangular-solve", nameof(l));
        int r = MatrixArguments.RightHandSideColumns(l.Shape, b.Shape, "triangular-solve");
        var result = OpResult.New(Rule<T>.Instance, b.Shape, l, b);
        var x = result.MutableValues;
        b.Values.CopyTo(x);
        Solve(l.Values, n, lower, transpose, x, r);
        if (result.Tape is { } tape)
        {
            ref var node = ref tape.NodeAt(result.Id);
            node.I0 = lower ? 1 : 0;
            node.I1 = transpose ? 1 : 0;
        }
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>Overwrites x (n×r) with op(L)⁻¹x.</summary>
    internal static void Solve<T>(ReadOnlySpan<T> l, int n, bool lower, bool transpose, Span<T> x, int r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // op(L)(i, j) = L[j, i] when transposed; Lᵀ of a lower L is upper.
        int rowStride = transpose ? 1 : n, columnStride = transpose ? n : 1;
        TriangularKernel.SolveInPlace(l, n, rowStride, columnStride, lower != transpose, unitDiagonal: false, x, r);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "triangular-solve";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            bool needL = tape.NeedsGradient(nd.A), needB = tape.NeedsGradient(nd.B);
            if (!needL && !needB) return;
            bool lower = nd.I0 == 1, transpose = nd.I1 == 1;
            int n = nd.A.Shape[0], r = nd.Shape.Rank == 1 ? 1 : nd.Shape[1];
            var lv = nd.A.Values;
            var x = tape.ValueSpan(node);
            var rented = ArrayPool<T>.Shared.Rent(n * r);
            var bBar = rented.AsSpan(0, n * r);

            // B̄ = op(L)⁻ᵀ X̄.
            tape.AdjointSpan(node).CopyTo(bBar);
            Solve(lv, n, lower, !transpose, bBar, r);
            if (needB)
            {
                var gb = tape.AdjointOf(nd.B);
                TensorPrimitives.Add(gb, bBar, gb);
            }
            if (needL)
            {
                // L̄ = −B̄ Xᵀ (or −X B̄ᵀ), on the triangle that was read.
                var rentedProduct = ArrayPool<T>.Shared.Rent(n * n);
                var product = rentedProduct.AsSpan(0, n * n);
                product.Clear();
                if (transpose) Gemm.MultiplyAdd<T>(x, false, bBar, true, product, n, r, n, tape.Parallelism);
                else Gemm.MultiplyAdd<T>(bBar, false, x, true, product, n, r, n, tape.Parallelism);
                var gl = tape.AdjointOf(nd.A);
                for (int i = 0; i < n; i++)
                {
                    int j0 = lower ? 0 : i, j1 = lower ? i + 1 : n;
                    var row = gl.Slice(i * n + j0, j1 - j0);
                    TensorPrimitives.Subtract(row, product.Slice(i * n + j0, j1 - j0), row);
                }
                ArrayPool<T>.Shared.Return(rentedProduct);
            }
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var nd = tape.NodeAt(node);
            bool needL = tape.NeedsGradient(nd.A), needB = tape.NeedsGradient(nd.B);
            bool lower = nd.I0 == 1, transpose = nd.I1 == 1;
            var bBar = nd.A.TriangularSolve(grad, lower, !transpose);
            if (needB) tape.AccumulateGraph(nd.B, bBar);
            if (!needL) return;
            var x = new Tensor<T>(tape, node);
            Tensor<T> product = nd.Shape.Rank == 1
                ? (transpose ? x.Outer(bBar) : bBar.Outer(x))
                : (transpose ? x.MatMul(bBar.Transpose()) : bBar.MatMul(x.Transpose()));
            var mask = TriangleMask.Triangle(tape, nd.A.Shape[0], lower, T.One);
            tape.AccumulateGraph(nd.A, -(product * mask));
        }
    }
}
