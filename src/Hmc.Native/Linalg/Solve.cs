using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// Solves a general square system A·X = B (B a vector or a matrix) by LU decomposition with partial pivoting.
/// With X̄ = ∂ℓ/∂X the adjoints are (Giles 2008, "An extended collection of matrix derivative results for forward and
/// reverse mode algorithmic differentiation")
/// <code>
///   B̄ = A⁻ᵀ X̄,    Ā = −B̄ Xᵀ,
/// </code>
/// from dX = A⁻¹(dB − dA X). The numeric rule reuses the LU factors kept from the forward pass (a hidden constant
/// on the tape, so no heap allocation); the differentiable rule is written with Solve, Transpose and MatMul.
/// </summary>
/// <remarks>
/// A singular A (a zero pivot) gives infinities or NaN in X and no exception; NaN in A or B propagates.
/// </remarks>
public static class SolveOp
{
    /// <summary>X = A⁻¹B for a square n×n <paramref name="a"/> and a vector of length n or an n×r matrix <paramref name="b"/>.</summary>
    /// <returns>X, with the shape of <paramref name="b"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    /// <exception cref="ShapeMismatchException"><paramref name="b"/> does not have n rows; the message names both shapes.</exception>
    public static Tensor<T> Solve<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "solve", nameof(a));
        OpResult.RequireTensor(b, "solve", nameof(b));
        int n = MatrixArguments.SquareOrder(a.Shape, "solve", nameof(a));
        int r = MatrixArguments.RightHandSideColumns(a.Shape, b.Shape, "solve");
        var tape = Tape<T>.Common(a, b);
        bool keep = tape is not null && (tape.NeedsGradient(a) || tape.NeedsGradient(b));
        var factors = keep ? tape!.Push(null, Shape.Vector(LuKernel.FactorLength(n)), requiresGradient: false) : default;
        var result = OpResult.New(Rule<T>.Instance, b.Shape, a, b, factors);
        var rented = keep ? null : ArrayPool<T>.Shared.Rent(LuKernel.FactorLength(n));
        var f = keep ? factors.MutableValues : rented.AsSpan(0, LuKernel.FactorLength(n));
        LuKernel.Factor(a.Values, n, f);
        var x = result.MutableValues;
        b.Values.CopyTo(x);
        LuKernel.Solve<T>(f, n, x, r);
        if (rented is not null) ArrayPool<T>.Shared.Return(rented);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "solve";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            bool needA = tape.NeedsGradient(nd.A), needB = tape.NeedsGradient(nd.B);
            if (!needA && !needB) return;
            int n = nd.A.Shape[0], r = nd.Shape.Rank == 1 ? 1 : nd.Shape[1];
            var rented = ArrayPool<T>.Shared.Rent(n * r);
            var bBar = rented.AsSpan(0, n * r);

            // B̄ = A⁻ᵀ X̄ with the kept factors.
            tape.AdjointSpan(node).CopyTo(bBar);
            LuKernel.SolveTransposed<T>(nd.C.Values, n, bBar, r);
            if (needB)
            {
                var gb = tape.AdjointOf(nd.B);
                TensorPrimitives.Add(gb, bBar, gb);
            }
            if (needA)
            {
                // Ā += (−B̄)·Xᵀ.
                TensorPrimitives.Negate(bBar, bBar);
                Gemm.MultiplyAdd<T>(bBar, false, tape.ValueSpan(node), true, tape.AdjointOf(nd.A), n, r, n, tape.Parallelism);
            }
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var nd = tape.NodeAt(node);
            bool needA = tape.NeedsGradient(nd.A), needB = tape.NeedsGradient(nd.B);
            var bBar = nd.A.Transpose().Solve(grad);
            if (needB) tape.AccumulateGraph(nd.B, bBar);
            if (!needA) return;
            var x = new Tensor<T>(tape, node);
            tape.AccumulateGraph(nd.A, -(nd.Shape.Rank == 1 ? bBar.Outer(x) : bBar.MatMul(x.Transpose())));
        }
    }
}
