using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// The matrix product with NumPy's <c>matmul</c> rules: C = A·B, C[i, j] = Σₚ A[i, p]·B[p, j], for matrices,
/// matrix–vector and vector–matrix products, and stacks of matrices whose leading (batch) axes broadcast.
/// With G = ∂L/∂C the adjoints are ∂L/∂A = G·Bᵀ and ∂L/∂B = Aᵀ·G, each summed over the batch axes along which
/// that operand was broadcast.
/// </summary>
/// <remarks>
/// The forward product and both adjoints run on the cache-blocked SIMD kernel of <see cref="Gemm"/>, reading
/// transposed operands in place. Products of more than <see cref="Gemm.ParallelWork"/> multiply-adds, and stacks of
/// smaller ones that add up to more, use at most the cores of the tape's <see cref="CpuParallelism"/> (every core
/// for a product of constants); smaller ones run on the calling thread. NaN and infinity propagate as in the textbook sum.
/// </remarks>
public static class MatMulOp
{
    /// <summary>
    /// The matrix product of <paramref name="a"/> and <paramref name="b"/>:
    /// [m, k]·[k, n] → [m, n]; [k]·[k, n] → [n]; [m, k]·[k] → [m]; [k]·[k] → [] (the dot product);
    /// [..., m, k]·[..., k, n] → [..., m, n] with the batch axes broadcast (a vector operand of a batched product
    /// is treated as a single row or column).
    /// </summary>
    /// <exception cref="ShapeMismatchException">
    /// An operand is a scalar, the inner dimensions differ, or the batch axes do not broadcast; the message names both shapes.
    /// </exception>
    public static Tensor<T> MatMul<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(a, "matmul", nameof(a));
        OpResult.RequireTensor(b, "matmul", nameof(b));
        Shape sa = a.Shape, sb = b.Shape;
        if (sa.Rank == 0 || sb.Rank == 0)
            throw new ShapeMismatchException("matmul", sa, sb, "scalars have no matrix product (use Multiply)");
        int k = sa[-1], kb = sb.Rank == 1 ? sb[0] : sb[-2];
        if (k != kb)
            throw new ShapeMismatchException("matmul", sa, sb, $"the inner dimensions {k} and {kb} differ");
        if (sa.Rank == 1 && sb.Rank == 1) return a.Dot(b);
        if (sa.Rank == 1 && sb.Rank > 2)
        {
            var rows = a.Reshape(1, k).MatMul(b);
            return rows.Reshape(rows.Shape.RemoveAxis(-2));
        }
        if (sb.Rank == 1 && sa.Rank > 2)
        {
            var columns = a.MatMul(b.Reshape(k, 1));
            return columns.Reshape(columns.Shape.RemoveAxis(-1));
        }
        int m = sa.Rank == 1 ? 1 : sa[-2], n = sb.Rank == 1 ? 1 : sb[-1];
        var shape = ResultShape(sa, sb, m, n);
        var result = OpResult.New(Rule<T>.Instance, shape, a, b);
        var c = result.MutableValues;
        c.Clear();
        Forward(a.Values, sa, b.Values, sb, c, m, k, n, OpResult.Parallelism(result));
        if (result.Tape is { } tape)
        {
            ref var node = ref tape.NodeAt(result.Id);
            node.I0 = m;
            node.I1 = k;
            node.I2 = n;
        }
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private static Shape ResultShape(Shape sa, Shape sb, int m, int n)
    {
        if (sa.Rank == 1) return Shape.Vector(n);
        if (sb.Rank == 1) return Shape.Vector(m);
        int rank = Math.Max(sa.Rank, sb.Rank);
        Span<int> dims = stackalloc int[Shape.MaxRank];
        for (int d = 0; d < rank - 2; d++)
        {
            int da = BatchDimension(sa, d, rank), db = BatchDimension(sb, d, rank);
            if (da != db && da != 1 && db != 1)
                throw new ShapeMismatchException("matmul", sa, sb, "the batch axes do not broadcast");
            dims[d] = da == 1 ? db : da;
        }
        dims[rank - 2] = m;
        dims[rank - 1] = n;
        return new Shape(dims[..rank]);
    }

    /// <summary>The size of batch axis <paramref name="d"/> of an output of rank <paramref name="rank"/> in operand <paramref name="s"/> (1 where s has no such axis).</summary>
    private static int BatchDimension(Shape s, int d, int rank)
    {
        int e = d - (rank - s.Rank);
        return e >= 0 ? s[e] : 1;
    }

    /// <summary>The matrix indices in A and B that feed output matrix <paramref name="t"/> of a batched product.</summary>
    private static (int A, int B) BatchIndices(Shape sa, Shape sb, Shape sc, int t)
    {
        int rank = sc.Rank, ia = 0, ib = 0, strideA = 1, strideB = 1;
        for (int d = rank - 3; d >= 0; d--)
        {
            int size = sc[d], index = t % size;
            t /= size;
            int da = BatchDimension(sa, d, rank), db = BatchDimension(sb, d, rank);
            if (da != 1) ia += index * strideA;
            if (db != 1) ib += index * strideB;
            strideA *= da;
            strideB *= db;
        }
        return (ia, ib);
    }

    private static int BatchCount(Shape sc, int m, int n) => m * n == 0 ? 0 : sc.Length / (m * n);

    private static unsafe void Forward<T>(ReadOnlySpan<T> a, Shape sa, ReadOnlySpan<T> b, Shape sb, Span<T> c, int m, int k, int n,
        CpuParallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (sa.Rank <= 2 && sb.Rank <= 2)
        {
            Gemm.MultiplyAdd(a, false, b, false, c, m, k, n, parallelism);
            return;
        }
        var sc = ResultShape(sa, sb, m, n);
        int batch = BatchCount(sc, m, n);
        long work = (long)m * k * n;
        // Products too large for one thread split themselves; a stack of small ones is split by matrices.
        int chunks = work > Gemm.ParallelWork ? 1 : parallelism.Chunks(batch, work, Gemm.ParallelWork);
        fixed (T* pa = a, pb = b, pc = c)
            parallelism.Run(new ForwardBatches<T>(pa, sa, pb, sb, pc, sc, m, k, n, parallelism), batch, chunks);
    }

    /// <summary>The products of output matrices [start, end) of a batched product, each on the calling thread or split by <see cref="Gemm"/>.</summary>
    private readonly unsafe struct ForwardBatches<T>(T* a, Shape sa, T* b, Shape sb, T* c, Shape sc, int m, int k, int n, CpuParallelism parallelism)
        : IBatchWork where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk, int start, int end)
        {
            for (int t = start; t < end; t++)
            {
                var (ia, ib) = BatchIndices(sa, sb, sc, t);
                Gemm.MultiplyAdd(new ReadOnlySpan<T>(a + (long)ia * m * k, m * k), false, new ReadOnlySpan<T>(b + (long)ib * k * n, k * n), false,
                    new Span<T>(c + (long)t * m * n, m * n), m, k, n, parallelism);
            }
        }
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "matmul";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            bool needA = tape.NeedsGradient(n.A), needB = tape.NeedsGradient(n.B);
            int m = n.I0, k = n.I1, cols = n.I2;
            Shape sa = n.A.Shape, sb = n.B.Shape;
            var g = tape.AdjointSpan(node);
            var av = n.A.Values;
            var bv = n.B.Values;
            var ga = needA ? tape.AdjointOf(n.A) : default;
            var gb = needB ? tape.AdjointOf(n.B) : default;
            bool batched = sa.Rank > 2 || sb.Rank > 2;
            int batch = batched ? BatchCount(n.Shape, m, cols) : 1;
            for (int t = 0; t < batch; t++)
            {
                var (ia, ib) = batched ? BatchIndices(sa, sb, n.Shape, t) : (0, 0);
                var gt = g.Slice(t * m * cols, m * cols);
                // ∂L/∂A (m×k) += G (m×n) · Bᵀ, B stored k×n.
                if (needA) Gemm.MultiplyAdd<T>(gt, false, bv.Slice(ib * k * cols, k * cols), true, ga.Slice(ia * m * k, m * k), m, cols, k, tape.Parallelism);
                // ∂L/∂B (k×n) += Aᵀ · G (m×n), A stored m×k.
                if (needB) Gemm.MultiplyAdd<T>(av.Slice(ia * m * k, m * k), true, gt, false, gb.Slice(ib * k * cols, k * cols), k, m, cols, tape.Parallelism);
            }
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            bool needA = tape.NeedsGradient(n.A), needB = tape.NeedsGradient(n.B);
            int ra = n.A.Rank, rb = n.B.Rank;
            if (ra == 1)
            {
                // [k]·[k, n] → [n]: ∂L/∂a = B·g, ∂L/∂B = a gᵀ.
                if (needA) tape.AccumulateGraph(n.A, n.B.MatMul(grad));
                if (needB) tape.AccumulateGraph(n.B, n.A.Outer(grad));
                return;
            }
            if (rb == 1)
            {
                // [m, k]·[k] → [m]: ∂L/∂A = g bᵀ, ∂L/∂b = Aᵀ·g = gᵀ·A.
                if (needA) tape.AccumulateGraph(n.A, grad.Outer(n.B));
                if (needB) tape.AccumulateGraph(n.B, grad.MatMul(n.A));
                return;
            }
            if (needA) tape.AccumulateGraph(n.A, grad.MatMul(n.B.Transpose()).SumTo(n.A.Shape));
            if (needB) tape.AccumulateGraph(n.B, n.A.Transpose().MatMul(grad).SumTo(n.B.Shape));
        }
    }
}
