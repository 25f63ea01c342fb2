using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>
/// Log-determinants of square matrices, as rank-0 tensors:
/// <list type="bullet">
/// <item><see cref="LogDeterminant{T}"/>: log |det A| = Σᵢ log |u_ii| from the LU decomposition PA = LU; its gradient is
/// ∂/∂A log |det A| = A⁻ᵀ (Jacobi's formula; Magnus and Neudecker, "Matrix Differential Calculus with Applications in
/// Statistics and Econometrics").</item>
/// <item><see cref="LogDeterminantSpd{T}"/>: log det S = 2 Σᵢ log l_ii for the symmetric positive-definite
/// S = (A + Aᵀ)/2 = LLᵀ; its gradient is S⁻¹ = L⁻ᵀL⁻¹ (symmetric).</item>
/// </list>
/// The numeric rules reuse the factors kept from the forward pass (a hidden constant on the tape); the
/// differentiable rules are ḡ·Inverse(A)ᵀ and ḡ·Inverse(S), so Hessians and third derivatives pass through.
/// </summary>
/// <remarks>
/// A singular matrix has log |det A| = −∞ and an infinite or NaN gradient; NaN propagates.
/// <see cref="LogDeterminantSpd{T}"/> throws <see cref="NotPositiveDefiniteException"/> when S is not positive definite.
/// </remarks>
public static class LogDeterminantOp
{
    /// <summary>log |det A| of a square matrix, by LU decomposition with partial pivoting (−∞ when A is singular).</summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    public static Tensor<T> LogDeterminant<T>(this Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "log-determinant", nameof(a));
        int n = MatrixArguments.SquareOrder(a.Shape, "log-determinant", nameof(a));
        int length = LuKernel.FactorLength(n);
        var tape = a.Tape;
        bool keep = tape is not null && tape.NeedsGradient(a);
        var factors = keep ? tape!.Push(null, Shape.Vector(length), requiresGradient: false) : default;
        var result = OpResult.New(LuRule<T>.Instance, Shape.Scalar, a, factors);
        var rented = keep ? null : ArrayPool<T>.Shared.Rent(length);
        var f = keep ? factors.MutableValues : rented.AsSpan(0, length);
        LuKernel.Factor(a.Values, n, f);
        result.MutableValues[0] = LuKernel.LogAbsDeterminant<T>(f, n);
        if (rented is not null) ArrayPool<T>.Shared.Return(rented);
        return OpResult.Done(result, LuRule<T>.Instance);
    }

    /// <summary>
    /// log det S for the symmetric positive-definite part S = (A + Aᵀ)/2 of <paramref name="a"/>, by Cholesky
    /// factorisation: 2 Σᵢ log l_ii. Cheaper and more accurate than <see cref="LogDeterminant{T}"/> for covariance
    /// and metric matrices.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    /// <exception cref="NotPositiveDefiniteException">S is not positive definite; the message names the pivot index.</exception>
    public static Tensor<T> LogDeterminantSpd<T>(this Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "log-determinant-spd", nameof(a));
        int n = MatrixArguments.SquareOrder(a.Shape, "log-determinant-spd", nameof(a));
        var rented = ArrayPool<T>.Shared.Rent(n * n);
        try
        {
            var l = rented.AsSpan(0, n * n);
            CholeskyOp.Factor(a.Values, n, l, "log-determinant-spd");
            var tape = a.Tape;
            bool keep = tape is not null && tape.NeedsGradient(a);
            var factor = keep ? tape!.Push(null, Shape.Matrix(n, n), requiresGradient: false) : default;
            var result = OpResult.New(CholeskyRule<T>.Instance, Shape.Scalar, a, factor);
            if (keep) l.CopyTo(factor.MutableValues);
            T sum = T.Zero;
            for (int i = 0; i < n; i++) sum += T.Log(l[i * n + i]);
            result.MutableValues[0] = sum + sum;
            return OpResult.Done(result, CholeskyRule<T>.Instance);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    private sealed class LuRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly LuRule<T> Instance = new();
        public override string Name => "log-determinant";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            int n = nd.A.Shape[0];
            var rented = ArrayPool<T>.Shared.Rent(n * n);
            var inverseTransposed = rented.AsSpan(0, n * n);
            // Ā += ḡ·A⁻ᵀ.
            LuKernel.Invert<T>(nd.B.Values, n, inverseTransposed, transposed: true);
            var ga = tape.AdjointOf(nd.A);
            TensorPrimitives.MultiplyAdd(inverseTransposed, tape.AdjointSpan(node)[0], ga, ga);
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var nd = tape.NodeAt(node);
            if (tape.NeedsGradient(nd.A)) tape.AccumulateGraph(nd.A, grad * nd.A.Inverse().Transpose());
        }
    }

    private sealed class CholeskyRule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly CholeskyRule<T> Instance = new();
        public override string Name => "log-determinant-spd";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var nd = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            int n = nd.A.Shape[0];
            var rentedY = ArrayPool<T>.Shared.Rent(n * n);
            var rentedS = ArrayPool<T>.Shared.Rent(n * n);
            var y = rentedY.AsSpan(0, n * n);
            var inverse = rentedS.AsSpan(0, n * n);
            // Y = L⁻¹, then S⁻¹ = Yᵀ Y.
            y.Clear();
            for (int i = 0; i < n; i++) y[i * n + i] = T.One;
            TriangularKernel.SolveInPlace<T>(nd.B.Values, n, n, 1, lower: true, unitDiagonal: false, y, n);
            inverse.Clear();
            Gemm.MultiplyAdd<T>(y, true, y, false, inverse, n, n, n, tape.Parallelism);
            // Ā += ḡ·S⁻¹.
            var ga = tape.AdjointOf(nd.A);
            TensorPrimitives.MultiplyAdd(inverse, tape.AdjointSpan(node)[0], ga, ga);
            ArrayPool<T>.Shared.Return(rentedY);
            ArrayPool<T>.Shared.Return(rentedS);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var nd = tape.NodeAt(node);
            if (!tape.NeedsGradient(nd.A)) return;
            var s = (nd.A + nd.A.Transpose()) * T.CreateTruncating(0.5);
            tape.AccumulateGraph(nd.A, grad * s.Inverse());
        }
    }
}
