using ILGPU;

namespace Hmc.Native.Kernels;

/// <summary>
/// Matrix products C = α·A·B + β·C for the strided operands described by a <see cref="GemmLayout"/>, C dense
/// row-major. When β = 0, C is written without being read, so stale NaN or ∞ in C do not leak into the result.
/// Products are accumulated in float in the order k = 0, 1, ..., K − 1 (naive) or tile by tile (tiled).
/// </summary>
public static class MatmulKernels
{
    /// <summary>
    /// One thread per element of C with index (X, Y) = (column j, row i), each reading a row of A and a column of B
    /// from global memory. The reference that the tiled kernel is tested against.
    /// </summary>
    public static void Naive(Index2D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmLayout layout, float alpha, float beta)
    {
        int column = index.X;
        int row = index.Y;
        float sum = 0f;
        for (int k = 0; k < layout.K; k++) sum += a[layout.AOffset(row, k)] * b[layout.BOffset(k, column)];
        Store(c, (row * layout.N) + column, sum, alpha, beta);
    }

    /// <summary>
    /// Shared-memory tiling (Kirk and Hwu, "Programming Massively Parallel Processors", ch. 5; the ILGPU matrix
    /// multiplication sample): square groups of T × T threads, T = Group.DimX, each group computing a T × T block
    /// of C. For every block of T columns of A and T rows of B, each thread loads one element of each into shared
    /// memory (zero outside the matrices), the group synchronises, and each thread accumulates T products from
    /// shared memory, so that each global element is read N/T (resp. M/T) times instead of N (resp. M) times.
    /// Launch with grid (⌈N/T⌉, ⌈M/T⌉), group (T, T) and 2·T² floats of dynamic shared memory.
    /// </summary>
    public static void Tiled(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmLayout layout, float alpha, float beta)
    {
        var shared = SharedMemory.GetDynamic<float>();
        int tile = Group.DimX;
        var aTile = shared.SubView(0, tile * tile);
        var bTile = shared.SubView(tile * tile, tile * tile);
        int tx = Group.IdxX;
        int ty = Group.IdxY;
        int row = (Grid.IdxY * tile) + ty;
        int column = (Grid.IdxX * tile) + tx;
        float sum = 0f;
        for (int k0 = 0; k0 < layout.K; k0 += tile)
        {
            int ka = k0 + tx;
            int kb = k0 + ty;
            aTile[(ty * tile) + tx] = row < layout.M && ka < layout.K ? a[layout.AOffset(row, ka)] : 0f;
            bTile[(ty * tile) + tx] = kb < layout.K && column < layout.N ? b[layout.BOffset(kb, column)] : 0f;
            Group.Barrier();
            for (int k = 0; k < tile; k++) sum += aTile[(ty * tile) + k] * bTile[(k * tile) + tx];
            Group.Barrier();
        }

        if (row < layout.M && column < layout.N) Store(c, (row * layout.N) + column, sum, alpha, beta);
    }

    private static void Store(ArrayView<float> c, int offset, float product, float alpha, float beta) =>
        c[offset] = beta == 0f ? alpha * product : (alpha * product) + (beta * c[offset]);
}
