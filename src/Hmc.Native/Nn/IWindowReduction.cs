using System.Numerics;

namespace Hmc.Native.Nn;

/// <summary>
/// How a pooling window is reduced to one output, in two stages: the window's k input rows are first combined
/// elementwise (with SIMD, a whole row of windows at once), then each window's k columns of that combined row.
/// </summary>
internal interface IWindowReduction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Combines the input row <paramref name="row"/> into <paramref name="combined"/>, elementwise and in place.</summary>
    void CombineRows(Span<T> combined, ReadOnlySpan<T> row);

    /// <summary>The output of one window from its k combined columns.</summary>
    T ReduceWindow(ReadOnlySpan<T> columns);
}
