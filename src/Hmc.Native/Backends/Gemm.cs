using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hmc.Native.Backends;

/// <summary>
/// The library's one dense matrix product, C += op(A)·op(B) on row-major storage, for the matrix product operation,
/// the adjoints of the linear-algebra operations and the dense layers (Linear, Conv2d through im2col).
/// </summary>
/// <remarks>
/// The layout follows Goto and van de Geijn, "Anatomy of high-performance matrix multiplication" (ACM TOMS 34(3),
/// 2008) as BLIS organises it: B is packed block by block (<see cref="DepthBlock"/> rows of k by a column block
/// sized for the L2 cache) into zero-padded column panels <see cref="Vector{T}.Count"/>·2 wide, and a register
/// micro-kernel keeps a 4-row by 2-vector tile of C in registers while it runs down k with one fused
/// multiply-add per vector. A is read in place through a row stride and a column stride, which makes Aᵀ·B free;
/// B is read through strides while it is packed, which makes A·Bᵀ cost one strided copy of B. A product with one
/// column (a matrix–vector product) skips the packing, whose panels would be mostly padding: each element of C is a
/// SIMD dot product of a row of A with B, or, when A is read transposed, C accumulates the rows of the stored A
/// scaled by the elements of B.
/// Products of more than <see cref="ParallelWork"/> multiply-adds split the rows of C over at most
/// <see cref="CpuParallelism.Cores"/> threads of the policy they are given; each worker packs its own B.
/// The pointer entry points address matrices the callers pin and check nothing; the span entry point checks the lengths.
/// NaN and infinity propagate as in IEEE arithmetic (0·∞ = NaN), except that padded lanes never reach C; the
/// summation order differs from the textbook triple loop, so results agree with it to rounding, not bit for bit.
/// </remarks>
internal static unsafe class Gemm
{
    /// <summary>Multiply-adds (m·n·k) below which a product stays on the calling thread.</summary>
    public const long ParallelWork = 1L << 21;

    /// <summary>Rows of k held in one packed block of B.</summary>
    private const int DepthBlock = 256;

    /// <summary>Bytes of one packed block of B: half the 1 MiB L2 cache of current x64 cores.</summary>
    private const int PackedBlockBytes = 512 * 1024;

    /// <summary>Rows of C one micro-kernel call updates.</summary>
    private const int MicroRows = 4;

    /// <summary>
    /// C (m×n) += op(A)·op(B) on spans: A is stored m×k, or k×m when <paramref name="transposeA"/>; B is stored k×n,
    /// or n×k when <paramref name="transposeB"/>; large products use at most <paramref name="parallelism"/>'s cores.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short for its matrix.</exception>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, bool transposeB, Span<T> c, int m, int k, int n,
        CpuParallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0 || k == 0) return;
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
            throw new ArgumentException($"Matrix product {m}×{k} by {k}×{n}: operand spans of length {a.Length}, {b.Length} and {c.Length} are too short.");
        fixed (T* pa = a, pb = b, pc = c)
            ParallelMultiplyAdd(parallelism, m, n, k, pa, transposeA ? 1 : k, transposeA ? m : 1, pb, transposeB ? 1 : n, transposeB ? k : 1, pc, n);
    }

    /// <summary>C[m,n] += A[m,k]·B[k,n], all row-major and contiguous (C = A·B when <paramref name="accumulate"/> is false), on the calling thread.</summary>
    public static void MultiplyAdd<T>(int m, int n, int k, T* a, T* b, T* c, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyAdd(m, n, k, a, k, 1, b, n, 1, c, n, accumulate);

    /// <summary>C[m,n] += Aᵀ·B where A is stored row-major as [k,m] and B as [k,n] (C = Aᵀ·B when <paramref name="accumulate"/> is false), on the calling thread.</summary>
    public static void MultiplyAddTransposedA<T>(int m, int n, int k, T* a, T* b, T* c, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyAdd(m, n, k, a, 1, m, b, n, 1, c, n, accumulate);

    /// <summary>C[m,n] += A·Bᵀ where A is stored row-major as [m,k] and B as [n,k] (C = A·Bᵀ when <paramref name="accumulate"/> is false), on the calling thread.</summary>
    public static void MultiplyAddTransposedB<T>(int m, int n, int k, T* a, T* b, T* c, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyAdd(m, n, k, a, k, 1, b, 1, k, c, n, accumulate);

    /// <summary>
    /// <see cref="MultiplyAdd{T}(int, int, int, T*, int, int, T*, int, int, T*, int, bool)"/> split by rows of C over
    /// at most <paramref name="parallelism"/>'s cores when the product has more than <see cref="ParallelWork"/>
    /// multiply-adds; smaller products, and any product under a one-core policy, run on the calling thread.
    /// </summary>
    public static void ParallelMultiplyAdd<T>(CpuParallelism parallelism, int m, int n, int k, T* a, int rowStrideA, int columnStrideA,
        T* b, int rowStrideB, int columnStrideB, T* c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int blocks = (m + MicroRows - 1) / MicroRows;
        int chunks = parallelism.Chunks(blocks, (long)MicroRows * n * k, ParallelWork);
        if (chunks < 2)
        {
            MultiplyAdd(m, n, k, a, rowStrideA, columnStrideA, b, rowStrideB, columnStrideB, c, ldc);
            return;
        }
        parallelism.Run(new RowBlocks<T>(m, n, k, a, rowStrideA, columnStrideA, b, rowStrideB, columnStrideB, c, ldc), blocks, chunks);
    }

    /// <summary>
    /// The product restricted to a range of 4-row blocks of A and C, one chunk of <see cref="ParallelMultiplyAdd{T}"/>;
    /// each chunk packs its own copy of B.
    /// </summary>
    private readonly struct RowBlocks<T>(int m, int n, int k, T* a, int rowStrideA, int columnStrideA, T* b, int rowStrideB, int columnStrideB,
        T* c, int ldc) : IBatchWork where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk, int start, int end)
        {
            int first = start * MicroRows, rows = Math.Min(m, end * MicroRows) - first;
            MultiplyAdd(rows, n, k, a + (long)first * rowStrideA, rowStrideA, columnStrideA, b, rowStrideB, columnStrideB, c + (long)first * ldc, ldc);
        }
    }

    /// <summary>
    /// C += A·B with A(i,p) = a[i·rowStrideA + p·columnStrideA], B(p,j) = b[p·rowStrideB + j·columnStrideB] and
    /// C(i,j) = c[i·ldc + j], on the calling thread. When <paramref name="accumulate"/> is false, C = A·B and C's
    /// previous contents are never read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd<T>(int m, int n, int k, T* a, int rowStrideA, int columnStrideA,
        T* b, int rowStrideB, int columnStrideB, T* c, int ldc, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m <= 0 || n <= 0) return;
        if (k <= 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) new Span<T>(c + (long)i * ldc, n).Clear();
            return;
        }
        if (n == 1 && rowStrideB == 1 && (columnStrideA == 1 || (rowStrideA == 1 && ldc == 1)))
        {
            MatrixVector(m, k, a, rowStrideA, columnStrideA, b, c, ldc, accumulate);
            return;
        }
        int panelWidth = 2 * Vector<T>.Count;
        int columnBlock = Math.Max(panelWidth, PackedBlockBytes / (DepthBlock * sizeof(T)) / panelWidth * panelWidth);
        int blockColumns = Math.Min(columnBlock, (n + panelWidth - 1) / panelWidth * panelWidth);
        int depth = Math.Min(DepthBlock, k);
        var rented = ArrayPool<T>.Shared.Rent(depth * blockColumns);
        fixed (T* packed = rented)
        {
            for (int jc = 0; jc < n; jc += columnBlock)
            {
                int nc = Math.Min(columnBlock, n - jc);
                for (int pc = 0; pc < k; pc += DepthBlock)
                {
                    int kc = Math.Min(DepthBlock, k - pc);
                    bool add = accumulate || pc > 0;
                    PackB(kc, nc, b + (long)pc * rowStrideB + (long)jc * columnStrideB, rowStrideB, columnStrideB, packed);
                    T* aBlock = a + (long)pc * columnStrideA;
                    T* cBlock = c + jc;
                    int i = 0;
                    for (; i + MicroRows <= m; i += MicroRows)
                        for (int jp = 0; jp < nc; jp += panelWidth)
                            Kernel4(kc, aBlock + (long)i * rowStrideA, rowStrideA, columnStrideA, packed + (long)jp * kc,
                                cBlock + (long)i * ldc + jp, ldc, Math.Min(panelWidth, nc - jp), add);
                    for (; i < m; i++)
                        for (int jp = 0; jp < nc; jp += panelWidth)
                            Kernel1(kc, aBlock + (long)i * rowStrideA, columnStrideA, packed + (long)jp * kc,
                                cBlock + (long)i * ldc + jp, Math.Min(panelWidth, nc - jp), add);
                }
            }
        }
        ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>
    /// C (m×1, stride <paramref name="ldc"/>) += A·b for a contiguous vector b of length k: with the rows of A
    /// contiguous, c[i] += ⟨A(i, ·), b⟩ (a SIMD dot product per row); with A read transposed (its stored rows are the
    /// columns A(·, p), contiguous, and C contiguous), C += Σ_p b[p]·A(·, p), one SIMD multiply-add per stored row.
    /// </summary>
    private static void MatrixVector<T>(int m, int k, T* a, int rowStrideA, int columnStrideA, T* b, T* c, int ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var vector = new ReadOnlySpan<T>(b, k);
        if (columnStrideA == 1)
        {
            for (int i = 0; i < m; i++)
            {
                // c_i (+)= ⟨A(i, ·), b⟩.
                T dot = TensorPrimitives.Dot(new ReadOnlySpan<T>(a + (long)i * rowStrideA, k), vector);
                c[(long)i * ldc] = accumulate ? c[(long)i * ldc] + dot : dot;
            }
            return;
        }
        var column = new Span<T>(c, m);
        if (!accumulate) column.Clear();
        // C += b_p·A(·, p) for each p; A(·, p) is the stored row p.
        for (int p = 0; p < k; p++) TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(a + (long)p * columnStrideA, m), vector[p], column, column);
    }

    /// <summary>
    /// Copies B[0..kc, 0..nc] into panels of 2·Vector&lt;T&gt;.Count columns, each panel stored k-major
    /// (panel p holds columns p·w..p·w+w−1 as kc consecutive rows of w), zero-padding the last panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<T>(int kc, int nc, T* b, int rowStride, int columnStride, T* packed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = 2 * Vector<T>.Count;
        for (int jp = 0; jp < nc; jp += w)
        {
            int width = Math.Min(w, nc - jp);
            T* panel = packed + (long)jp * kc;
            T* source = b + (long)jp * columnStride;
            if (columnStride == 1 && width == w)
            {
                for (int p = 0; p < kc; p++)
                {
                    T* row = source + (long)p * rowStride;
                    Vector.Store(Vector.Load(row), panel + p * w);
                    Vector.Store(Vector.Load(row + Vector<T>.Count), panel + p * w + Vector<T>.Count);
                }
            }
            else if (rowStride == 1)
            {
                // B is stored transposed: walk each column of B contiguously and scatter it into the panel.
                for (int j = 0; j < width; j++)
                {
                    T* column = source + (long)j * columnStride;
                    for (int p = 0; p < kc; p++) panel[p * w + j] = column[p];
                }
                for (int j = width; j < w; j++)
                    for (int p = 0; p < kc; p++) panel[p * w + j] = T.Zero;
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    T* row = source + (long)p * rowStride;
                    T* dst = panel + p * w;
                    for (int j = 0; j < width; j++) dst[j] = row[(long)j * columnStride];
                    for (int j = width; j < w; j++) dst[j] = T.Zero;
                }
            }
        }
    }

    /// <summary>The 4-row micro-kernel: C[0..4, 0..width] += A[0..4, 0..kc]·panel (= when <paramref name="add"/> is false).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4<T>(int kc, T* a, int rowStride, int columnStride, T* panel, T* c, int ldc, int width, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int v = Vector<T>.Count;
        Vector<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector<T> c20 = default, c21 = default, c30 = default, c31 = default;
        T* a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride;
        T* pb = panel;
        long offset = 0;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector.Load(pb);
            var b1 = Vector.Load(pb + v);
            pb += 2 * v;
            var x = new Vector<T>(a0[offset]);
            c00 = MulAdd(x, b0, c00);
            c01 = MulAdd(x, b1, c01);
            x = new Vector<T>(a1[offset]);
            c10 = MulAdd(x, b0, c10);
            c11 = MulAdd(x, b1, c11);
            x = new Vector<T>(a2[offset]);
            c20 = MulAdd(x, b0, c20);
            c21 = MulAdd(x, b1, c21);
            x = new Vector<T>(a3[offset]);
            c30 = MulAdd(x, b0, c30);
            c31 = MulAdd(x, b1, c31);
            offset += columnStride;
        }
        WriteRow(c, c00, c01, width, add);
        WriteRow(c + ldc, c10, c11, width, add);
        WriteRow(c + 2 * ldc, c20, c21, width, add);
        WriteRow(c + 3 * ldc, c30, c31, width, add);
    }

    /// <summary>The 1-row micro-kernel for the rows left over after the 4-row tiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel1<T>(int kc, T* a, int columnStride, T* panel, T* c, int width, bool add) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int v = Vector<T>.Count;
        Vector<T> c0 = default, c1 = default;
        T* pb = panel;
        long offset = 0;
        for (int p = 0; p < kc; p++)
        {
            var x = new Vector<T>(a[offset]);
            c0 = MulAdd(x, Vector.Load(pb), c0);
            c1 = MulAdd(x, Vector.Load(pb + v), c1);
            pb += 2 * v;
            offset += columnStride;
        }
        WriteRow(c, c0, c1, width, add);
    }

    /// <summary>Adds (or, when <paramref name="add"/> is false, stores) the first <paramref name="width"/> lanes of lo:hi into row c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRow<T>(T* c, Vector<T> lo, Vector<T> hi, int width, bool add) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int v = Vector<T>.Count;
        if (width == 2 * v)
        {
            if (add)
            {
                lo += Vector.Load(c);
                hi += Vector.Load(c + v);
            }
            Vector.Store(lo, c);
            Vector.Store(hi, c + v);
            return;
        }
        for (int j = 0; j < width; j++)
        {
            T value = j < v ? lo[j] : hi[j - v];
            c[j] = add ? c[j] + value : value;
        }
    }

    /// <summary>a·b + c, fused where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> MulAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector.As<float, T>(Vector.MultiplyAddEstimate(Vector.As<T, float>(a), Vector.As<T, float>(b), Vector.As<T, float>(c)));
        if (typeof(T) == typeof(double))
            return Vector.As<double, T>(Vector.MultiplyAddEstimate(Vector.As<T, double>(a), Vector.As<T, double>(b), Vector.As<T, double>(c)));
        return a * b + c;
    }
}
