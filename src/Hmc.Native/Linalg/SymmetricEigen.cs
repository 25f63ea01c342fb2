using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// The eigendecomposition S = V diag(λ) Vᵀ of the symmetric part S = (A + Aᵀ)/2 of a square matrix: eigenvalues
/// in ascending order and orthonormal eigenvectors as the columns of V (Householder tridiagonalisation and
/// implicit QL, see <see cref="SymmetricEigenKernel"/>). The two results are two tensors recorded as two nodes,
/// each with its own part of the backward rule (Giles 2008, "An extended collection of matrix derivative
/// results for forward and reverse mode algorithmic differentiation"; Magnus 1985, "On differentiating eigenvalues
/// and eigenvectors"):
/// <code>
///   Ā = sym( V (diag(λ̄) + F ∘ (Vᵀ V̄)) Vᵀ ),   F_ij = 1/(λ_j − λ_i) for i ≠ j,  F_ii = 0,
/// </code>
/// where sym(X) = (X + Xᵀ)/2 and ∘ is the elementwise product. The eigenvalue node contributes V diag(λ̄) Vᵀ and
/// the eigenvector node V (F ∘ (Vᵀ V̄)) Vᵀ; both are also written with differentiable operations, so Hessians
/// pass through.
/// </summary>
/// <remarks>
/// The eigenvector formula assumes distinct eigenvalues: with a repeated eigenvalue F is infinite and the
/// eigenvector gradient is infinite or NaN (the eigenvalue gradient stays finite). Eigenvectors are defined up to
/// sign; each is returned with its entry of largest magnitude positive, so a function of V is differentiable
/// wherever that choice does not switch. NaN or infinity in A gives NaN eigenvalues and eigenvectors.
/// </remarks>
public static class SymmetricEigenOp
{
    /// <summary>The eigenvalues (ascending, shape [n]) and eigenvectors (the columns of an [n, n] matrix) of the symmetric part of <paramref name="a"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    public static (Tensor<T> Values, Tensor<T> Vectors) SymmetricEigen<T>(this Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "symmetric-eigen", nameof(a));
        int n = MatrixArguments.SquareOrder(a.Shape, "symmetric-eigen", nameof(a));
        var vectors = OpResult.New(VectorsRule<T>.Instance, a.Shape, a);
        var values = OpResult.New(ValuesRule<T>.Instance, Shape.Vector(n), a, vectors);
        if (vectors.Tape is { } tape) tape.NodeAt(vectors.Id).I0 = values.Id;
        var v = vectors.MutableValues;
        SymmetricPart.Write(a.Values, n, v);
        var rented = ArrayPool<T>.Shared.Rent(n);
        SymmetricEigenKernel.Decompose(v, n, values.MutableValues, rented.AsSpan(0, n));
        ArrayPool<T>.Shared.Return(rented);
        OpResult.Done(vectors, VectorsRule<T>.Instance);
        return (OpResult.Done(values, ValuesRule<T>.Instance), vectors);
    }

    /// <summary>The eigenvalue node: inputs A and the eigenvector node; Ā += V diag(λ̄) Vᵀ.</summary>
    private sealed class ValuesRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly ValuesRule<T> Instance = new();
        public override string Name => "symmetric-eigen (values)";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            int n = nd.Shape[0];
            var v = nd.B.Values;
            var lambdaBar = tape.AdjointSpan(node);
            var rented = ArrayPool<T>.Shared.Rent(n * n);
            var scaled = rented.AsSpan(0, n * n);
            // W = V diag(λ̄), then Ā += W Vᵀ.
            for (int i = 0; i < n; i++) TensorPrimitives.Multiply(v.Slice(i * n, n), lambdaBar, scaled.Slice(i * n, n));
            Gemm.MultiplyAdd<T>(scaled, false, v, true, tape.AdjointOf(nd.A), n, n, n, tape.Parallelism);
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var nd = tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            int n = nd.Shape[0];
            var v = nd.B;
            tape.AccumulateGraph(nd.A, (v * grad.Reshape(1, n)).MatMul(v.Transpose()));
        }
    }

    /// <summary>The eigenvector node: input A, and I0 the eigenvalue node; Ā += sym(V (F ∘ (Vᵀ V̄)) Vᵀ).</summary>
    private sealed class VectorsRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly VectorsRule<T> Instance = new();
        public override string Name => "symmetric-eigen (vectors)";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            int n = nd.Shape[0];
            var v = tape.ValueSpan(node);
            var lambda = tape.ValueSpan(nd.I0);
            var rentedM = ArrayPool<T>.Shared.Rent(n * n);
            var rentedK = ArrayPool<T>.Shared.Rent(n * n);
            var m = rentedM.AsSpan(0, n * n);
            var k = rentedK.AsSpan(0, n * n);

            // M = F ∘ (Vᵀ V̄).
            m.Clear();
            Gemm.MultiplyAdd<T>(v, true, tape.AdjointSpan(node), false, m, n, n, n, tape.Parallelism);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    m[i * n + j] = i == j ? T.Zero : m[i * n + j] / (lambda[j] - lambda[i]);
            // K = V M, then Q = K Vᵀ (reusing M's storage), Ā += (Q + Qᵀ)/2.
            k.Clear();
            Gemm.MultiplyAdd<T>(v, false, m, false, k, n, n, n, tape.Parallelism);
            m.Clear();
            Gemm.MultiplyAdd<T>(k, false, v, true, m, n, n, n, tape.Parallelism);
            SymmetricPart.Accumulate<T>(m, n, tape.AdjointOf(nd.A));
            ArrayPool<T>.Shared.Return(rentedM);
            ArrayPool<T>.Shared.Return(rentedK);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var nd = tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            int n = nd.Shape[0];
            var v = new Tensor<T>(tape, node);
            var lambda = new Tensor<T>(tape, nd.I0);
            // F_ij = 1/(λ_j − λ_i) off the diagonal: the identity keeps the diagonal finite before the mask zeroes it.
            var gaps = lambda.Reshape(1, n) - lambda.Reshape(n, 1) + TriangleMask.Identity(tape, n);
            var f = TriangleMask.OffDiagonal(tape, n) / gaps;
            var vt = v.Transpose();
            var q = v.MatMul(f * vt.MatMul(grad)).MatMul(vt);
            tape.AccumulateGraph(nd.A, (q + q.Transpose()) * T.CreateTruncating(0.5));
        }
    }
}
