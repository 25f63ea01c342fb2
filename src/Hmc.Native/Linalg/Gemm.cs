using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hmc.Native.Linalg;

/// <summary>
/// Dense matrix products <c>C += op(A)·op(B)</c> on row-major storage, where op(X) is X or Xᵀ read in place
/// (no transposed copy is made). C is m×n, op(A) is m×k, op(B) is k×n.
/// </summary>
/// <remarks>
/// Two register-blocked kernels cover the three layouts used by matrix products and their adjoints:
/// <list type="bullet">
/// <item>op(B) = B (A·B and Aᵀ·B): for four rows of C at a time, each step of the depth loop broadcasts the four
/// elements a(i..i+3, p) and adds them times one row segment of B into eight <see cref="Vector{T}"/> accumulators
/// (a 4 × 2·Vector&lt;T&gt;.Count block of C held in registers).</item>
/// <item>op(B) = Bᵀ (A·Bᵀ, matrix–vector products): C(i, j) is the dot product of row i of A with row j of B, four
/// rows of A at a time against one row of B.</item>
/// </list>
/// The loops are tiled (64 rows × 256 columns of C, 256 steps of depth) so the panel of B being reused stays in
/// the L2 cache. Products with more than <see cref="ParallelWork"/> multiply-adds split their tiles over threads
/// with <see cref="Parallel.For(int, int, Action{int})"/>; smaller ones run on the calling thread and allocate nothing.
/// NaN and infinity propagate as in the naive triple loop (the summation order differs, so results agree to
/// rounding, not bit for bit).
/// </remarks>
internal static unsafe class Gemm
{
    /// <summary>Multiply-adds (m·k·n) above which a product runs on several threads.</summary>
    public const long ParallelWork = 1_000_000;

    private const int RowTile = 64;
    private const int ColumnTile = 256;
    private const int DotColumnTile = 64;
    private const int DepthTile = 256;

    /// <summary>
    /// C (m×n) += op(A)·op(B). A is stored m×k, or k×m when <paramref name="transposeA"/>; B is stored k×n, or n×k
    /// when <paramref name="transposeB"/>. At most one operand may be transposed unless a dimension of 1 makes the
    /// two layouts coincide.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short, or both operands are transposed.</exception>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, bool transposeB, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0 || k == 0) return;
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
            throw new ArgumentException($"Matrix product {m}×{k} by {k}×{n}: operand spans of length {a.Length}, {b.Length} and {c.Length} are too short.");
        // A vector or a single column is stored the same way transposed or not: pick the faster kernel.
        if (m == 1 || k == 1) transposeA = false;
        if (k == 1 || n == 1) transposeB = !transposeA && n < 2 * Vector<T>.Count;
        if (transposeA && n == 1)
        {
            // C is a column, stored like the row Cᵀ = op(B)ᵀ·A with A stored k×m.
            MultiplyAdd(b, false, a, false, c, 1, k, m);
            return;
        }
        if (transposeA && transposeB)
            throw new ArgumentException("Matrix product: at most one operand may be transposed.");
        bool parallel = (long)m * n * k > ParallelWork && Environment.ProcessorCount > 1;
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (parallel) RunParallel(pa, transposeA, pb, transposeB, pc, m, k, n);
            else Tile(pa, transposeA, pb, transposeB, pc, m, k, n, 0, m, 0, n);
        }
    }

    private static void RunParallel<T>(T* a, bool transposeA, T* b, bool transposeB, T* c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int columnTile = transposeB ? DotColumnTile : ColumnTile;
        int rowTiles = (m + RowTile - 1) / RowTile, columnTiles = (n + columnTile - 1) / columnTile;
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        Parallel.For(0, rowTiles * columnTiles, t =>
        {
            int i0 = t / columnTiles * RowTile, j0 = t % columnTiles * columnTile;
            Tile((T*)pa, transposeA, (T*)pb, transposeB, (T*)pc, m, k, n, i0, Math.Min(i0 + RowTile, m), j0, Math.Min(j0 + columnTile, n));
        });
    }

    /// <summary>Adds the full depth of the product into the tile C[i0..i1, j0..j1].</summary>
    private static void Tile<T>(T* a, bool transposeA, T* b, bool transposeB, T* c, int m, int k, int n, int i0, int i1, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // a(i, p) lives at a[i·rowStride + p·depthStride].
        int rowStride = transposeA ? 1 : k, depthStride = transposeA ? m : 1;
        for (int p0 = 0; p0 < k; p0 += DepthTile)
        {
            int p1 = Math.Min(p0 + DepthTile, k);
            int i = i0;
            if (transposeB)
            {
                for (; i + 4 <= i1; i += 4) DotRows4(a + i * k, k, b, c + i * n, n, j0, j1, p0, p1);
                for (; i < i1; i++) DotRows1(a + i * k, b, k, c + i * n, j0, j1, p0, p1);
            }
            else
            {
                for (; i + 4 <= i1; i += 4) Rows4(a + i * rowStride, rowStride, depthStride, b, n, c + i * n, j0, j1, p0, p1);
                for (; i < i1; i++) Rows1(a + i * rowStride, depthStride, b, n, c + i * n, j0, j1, p0, p1);
            }
        }
    }

    /// <summary>Rows i..i+3 of C (starting at <paramref name="c"/>, stride n) += Σ_p a(i+r, p)·B[p, j0..j1].</summary>
    private static void Rows4<T>(T* a, int rowStride, int depthStride, T* b, int n, T* c, int j0, int j1, int p0, int p1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        T* c0 = c, c1 = c + n, c2 = c + 2 * n, c3 = c + 3 * n;
        int r1 = rowStride, r2 = 2 * rowStride, r3 = 3 * rowStride;
        int j = j0;
        for (; j + 2 * w <= j1; j += 2 * w)
        {
            Vector<T> x00 = Vector.Load(c0 + j), x01 = Vector.Load(c0 + j + w);
            Vector<T> x10 = Vector.Load(c1 + j), x11 = Vector.Load(c1 + j + w);
            Vector<T> x20 = Vector.Load(c2 + j), x21 = Vector.Load(c2 + j + w);
            Vector<T> x30 = Vector.Load(c3 + j), x31 = Vector.Load(c3 + j + w);
            T* ap = a + p0 * depthStride;
            T* bp = b + p0 * n + j;
            for (int p = p0; p < p1; p++, ap += depthStride, bp += n)
            {
                Vector<T> b0 = Vector.Load(bp), b1 = Vector.Load(bp + w);
                var s = new Vector<T>(ap[0]);
                x00 = Fma(s, b0, x00); x01 = Fma(s, b1, x01);
                s = new Vector<T>(ap[r1]);
                x10 = Fma(s, b0, x10); x11 = Fma(s, b1, x11);
                s = new Vector<T>(ap[r2]);
                x20 = Fma(s, b0, x20); x21 = Fma(s, b1, x21);
                s = new Vector<T>(ap[r3]);
                x30 = Fma(s, b0, x30); x31 = Fma(s, b1, x31);
            }
            x00.Store(c0 + j); x01.Store(c0 + j + w);
            x10.Store(c1 + j); x11.Store(c1 + j + w);
            x20.Store(c2 + j); x21.Store(c2 + j + w);
            x30.Store(c3 + j); x31.Store(c3 + j + w);
        }
        for (; j + w <= j1; j += w)
        {
            Vector<T> x0 = Vector.Load(c0 + j), x1 = Vector.Load(c1 + j), x2 = Vector.Load(c2 + j), x3 = Vector.Load(c3 + j);
            T* ap = a + p0 * depthStride;
            T* bp = b + p0 * n + j;
            for (int p = p0; p < p1; p++, ap += depthStride, bp += n)
            {
                Vector<T> bv = Vector.Load(bp);
                x0 = Fma(new Vector<T>(ap[0]), bv, x0);
                x1 = Fma(new Vector<T>(ap[r1]), bv, x1);
                x2 = Fma(new Vector<T>(ap[r2]), bv, x2);
                x3 = Fma(new Vector<T>(ap[r3]), bv, x3);
            }
            x0.Store(c0 + j); x1.Store(c1 + j); x2.Store(c2 + j); x3.Store(c3 + j);
        }
        for (; j < j1; j++)
        {
            T s0 = c0[j], s1 = c1[j], s2 = c2[j], s3 = c3[j];
            T* ap = a + p0 * depthStride;
            T* bp = b + p0 * n + j;
            for (int p = p0; p < p1; p++, ap += depthStride, bp += n)
            {
                T bv = *bp;
                s0 += ap[0] * bv;
                s1 += ap[r1] * bv;
                s2 += ap[r2] * bv;
                s3 += ap[r3] * bv;
            }
            c0[j] = s0; c1[j] = s1; c2[j] = s2; c3[j] = s3;
        }
    }

    /// <summary>One row of C (at <paramref name="c"/>) += Σ_p a(p)·B[p, j0..j1].</summary>
    private static void Rows1<T>(T* a, int depthStride, T* b, int n, T* c, int j0, int j1, int p0, int p1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        int j = j0;
        for (; j + 4 * w <= j1; j += 4 * w)
        {
            Vector<T> x0 = Vector.Load(c + j), x1 = Vector.Load(c + j + w), x2 = Vector.Load(c + j + 2 * w), x3 = Vector.Load(c + j + 3 * w);
            T* ap = a + p0 * depthStride;
            T* bp = b + p0 * n + j;
            for (int p = p0; p < p1; p++, ap += depthStride, bp += n)
            {
                var s = new Vector<T>(*ap);
                x0 = Fma(s, Vector.Load(bp), x0);
                x1 = Fma(s, Vector.Load(bp + w), x1);
                x2 = Fma(s, Vector.Load(bp + 2 * w), x2);
                x3 = Fma(s, Vector.Load(bp + 3 * w), x3);
            }
            x0.Store(c + j); x1.Store(c + j + w); x2.Store(c + j + 2 * w); x3.Store(c + j + 3 * w);
        }
        for (; j + w <= j1; j += w)
        {
            Vector<T> x = Vector.Load(c + j);
            T* ap = a + p0 * depthStride;
            T* bp = b + p0 * n + j;
            for (int p = p0; p < p1; p++, ap += depthStride, bp += n) x = Fma(new Vector<T>(*ap), Vector.Load(bp), x);
            x.Store(c + j);
        }
        for (; j < j1; j++)
        {
            T s = c[j];
            T* ap = a + p0 * depthStride;
            T* bp = b + p0 * n + j;
            for (int p = p0; p < p1; p++, ap += depthStride, bp += n) s += *ap * *bp;
            c[j] = s;
        }
    }

    /// <summary>C(i+r, j) += Σ_{p0 ≤ p &lt; p1} A(i+r, p)·B(j, p) for r = 0..3 and j in [j0, j1); rows of A and B have length k.</summary>
    private static void DotRows4<T>(T* a, int k, T* b, T* c, int n, int j0, int j1, int p0, int p1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        T* a0 = a, a1 = a + k, a2 = a + 2 * k, a3 = a + 3 * k;
        for (int j = j0; j < j1; j++)
        {
            T* bj = b + j * k;
            Vector<T> x0 = Vector<T>.Zero, x1 = Vector<T>.Zero, x2 = Vector<T>.Zero, x3 = Vector<T>.Zero;
            int p = p0;
            for (; p + w <= p1; p += w)
            {
                Vector<T> bv = Vector.Load(bj + p);
                x0 = Fma(Vector.Load(a0 + p), bv, x0);
                x1 = Fma(Vector.Load(a1 + p), bv, x1);
                x2 = Fma(Vector.Load(a2 + p), bv, x2);
                x3 = Fma(Vector.Load(a3 + p), bv, x3);
            }
            T s0 = Vector.Sum(x0), s1 = Vector.Sum(x1), s2 = Vector.Sum(x2), s3 = Vector.Sum(x3);
            for (; p < p1; p++)
            {
                T bv = bj[p];
                s0 += a0[p] * bv;
                s1 += a1[p] * bv;
                s2 += a2[p] * bv;
                s3 += a3[p] * bv;
            }
            c[j] += s0;
            c[n + j] += s1;
            c[2 * n + j] += s2;
            c[3 * n + j] += s3;
        }
    }

    /// <summary>C(i, j) += Σ_{p0 ≤ p &lt; p1} A(i, p)·B(j, p) for one row i and j in [j0, j1).</summary>
    private static void DotRows1<T>(T* a, T* b, int k, T* c, int j0, int j1, int p0, int p1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        for (int j = j0; j < j1; j++)
        {
            T* bj = b + j * k;
            Vector<T> x0 = Vector<T>.Zero, x1 = Vector<T>.Zero;
            int p = p0;
            for (; p + 2 * w <= p1; p += 2 * w)
            {
                x0 = Fma(Vector.Load(a + p), Vector.Load(bj + p), x0);
                x1 = Fma(Vector.Load(a + p + w), Vector.Load(bj + p + w), x1);
            }
            for (; p + w <= p1; p += w) x0 = Fma(Vector.Load(a + p), Vector.Load(bj + p), x0);
            T s = Vector.Sum(x0 + x1);
            for (; p < p1; p++) s += a[p] * bj[p];
            c[j] += s;
        }
    }

    /// <summary>x·y + acc, fused into one instruction where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Fma<T>(Vector<T> x, Vector<T> y, Vector<T> acc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
            return Unsafe.BitCast<Vector<double>, Vector<T>>(Vector.MultiplyAddEstimate(
                Unsafe.BitCast<Vector<T>, Vector<double>>(x), Unsafe.BitCast<Vector<T>, Vector<double>>(y), Unsafe.BitCast<Vector<T>, Vector<double>>(acc)));
        if (typeof(T) == typeof(float))
            return Unsafe.BitCast<Vector<float>, Vector<T>>(Vector.MultiplyAddEstimate(
                Unsafe.BitCast<Vector<T>, Vector<float>>(x), Unsafe.BitCast<Vector<T>, Vector<float>>(y), Unsafe.BitCast<Vector<T>, Vector<float>>(acc)));
        return x * y + acc;
    }
}
