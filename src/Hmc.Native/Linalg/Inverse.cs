using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// The inverse X = A⁻¹ of a square matrix, by LU decomposition with partial pivoting and n solves against the
/// identity. From dX = −X dA X the adjoint is Ā = −Xᵀ X̄ Xᵀ (Giles 2008, "An extended collection of matrix
/// derivative results for forward and reverse mode algorithmic differentiation"), computed with two matrix products and also written with differentiable
/// operations for higher derivatives.
/// </summary>
/// <remarks>
/// Prefer <see cref="SolveOp.Solve{T}(Tensor{T}, Tensor{T})"/> to multiplying by an inverse. A singular matrix gives
/// infinities or NaN (no exception); NaN propagates.
/// </remarks>
public static class InverseOp
{
    /// <summary>A⁻¹ of a square matrix <paramref name="a"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    public static Tensor<T> Inverse<T>(this Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "inverse", nameof(a));
        int n = MatrixArguments.SquareOrder(a.Shape, "inverse", nameof(a));
        var result = OpResult.New(Rule<T>.Instance, a.Shape, a);
        var rented = ArrayPool<T>.Shared.Rent(LuKernel.FactorLength(n));
        var f = rented.AsSpan(0, LuKernel.FactorLength(n));
        LuKernel.Factor(a.Values, n, f);
        LuKernel.Invert<T>(f, n, result.MutableValues, transposed: false);
        ArrayPool<T>.Shared.Return(rented);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "inverse";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            int n = nd.Shape[0];
            var x = tape.ValueSpan(node);
            var rented = ArrayPool<T>.Shared.Rent(n * n);
            var product = rented.AsSpan(0, n * n);
            // Ā += (−Xᵀ X̄)·Xᵀ.
            product.Clear();
            Gemm.MultiplyAdd<T>(x, true, tape.AdjointSpan(node), false, product, n, n, n, tape.Parallelism);
            TensorPrimitives.Negate(product, product);
            Gemm.MultiplyAdd<T>(product, false, x, true, tape.AdjointOf(nd.A), n, n, n, tape.Parallelism);
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var nd = tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            var xt = new Tensor<T>(tape, node).Transpose();
            tape.AccumulateGraph(nd.A, -xt.MatMul(grad).MatMul(xt));
        }
    }
}
