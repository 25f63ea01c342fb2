using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Swaps two axes (a copy in the new row-major order): out[…, j, …, i, …] = x[…, i, …, j, …]. The map is a
/// permutation, so its adjoint is the same swap applied to the gradient.
/// </summary>
public static class TransposeOp
{
    /// <summary>
    /// The matrix transpose: swaps the last two axes (a batch of matrices is transposed matrix by matrix).
    /// A scalar or a vector is returned unchanged, as NumPy's <c>.T</c> does.
    /// </summary>
    public static Tensor<T> Transpose<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "transpose", nameof(x));
        return x.Rank < 2 ? x : x.Transpose(-2, -1);
    }

    /// <summary>Swaps axes <paramref name="axis0"/> and <paramref name="axis1"/> (negative axes count from the end); returns x itself when they are the same axis.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside the shape.</exception>
    public static Tensor<T> Transpose<T>(this Tensor<T> x, int axis0, int axis1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "transpose", nameof(x));
        Shape sx = x.Shape;
        int a0 = sx.NormalizeAxis(axis0), a1 = sx.NormalizeAxis(axis1);
        if (a0 == a1) return x;
        if (a0 > a1) (a0, a1) = (a1, a0);
        Span<int> dims = stackalloc int[Shape.MaxRank];
        sx.CopyTo(dims);
        (dims[a0], dims[a1]) = (dims[a1], dims[a0]);
        var shape = new Shape(dims[..sx.Rank]);
        var result = OpResult.New(Rule<T>.Instance, shape, x);
        Swap(x.Values, sx, a0, a1, result.MutableValues, accumulate: false);
        if (result.Tape is { } tape)
        {
            ref var node = ref tape.NodeAt(result.Id);
            node.I0 = a0;
            node.I1 = a1;
        }
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>
    /// destination = (or += when <paramref name="accumulate"/>) the source of shape <paramref name="shape"/> with
    /// axes <paramref name="axis0"/> &lt; <paramref name="axis1"/> swapped.
    /// </summary>
    internal static void Swap<T>(ReadOnlySpan<T> source, Shape shape, int axis0, int axis1, Span<T> destination, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // View the source as [outer, d0, middle, d1, inner]; the destination is [outer, d1, middle, d0, inner].
        int outer = 1, middle = 1, inner = 1;
        for (int d = 0; d < axis0; d++) outer *= shape[d];
        for (int d = axis0 + 1; d < axis1; d++) middle *= shape[d];
        for (int d = axis1 + 1; d < shape.Rank; d++) inner *= shape[d];
        int d0 = shape[axis0], d1 = shape[axis1];
        if (middle == 1 && inner == 1)
        {
            for (int o = 0; o < outer; o++)
                SwapMatrix(source.Slice(o * d0 * d1, d0 * d1), d0, d1, destination.Slice(o * d0 * d1, d0 * d1), accumulate);
            return;
        }
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < d0; i++)
                for (int q = 0; q < middle; q++)
                    for (int j = 0; j < d1; j++)
                    {
                        var from = source.Slice((((o * d0 + i) * middle + q) * d1 + j) * inner, inner);
                        var to = destination.Slice((((o * d1 + j) * middle + q) * d0 + i) * inner, inner);
                        if (accumulate) TensorPrimitives.Add(to, from, to);
                        else from.CopyTo(to);
                    }
    }

    /// <summary>Transposes one rows×columns matrix in 32×32 blocks so that both sides stay in cache.</summary>
    private static void SwapMatrix<T>(ReadOnlySpan<T> source, int rows, int columns, Span<T> destination, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int block = 32;
        for (int i0 = 0; i0 < rows; i0 += block)
        {
            int i1 = Math.Min(i0 + block, rows);
            for (int j0 = 0; j0 < columns; j0 += block)
            {
                int j1 = Math.Min(j0 + block, columns);
                for (int i = i0; i < i1; i++)
                {
                    var row = source.Slice(i * columns, columns);
                    if (accumulate)
                        for (int j = j0; j < j1; j++) destination[j * rows + i] += row[j];
                    else
                        for (int j = j0; j < j1; j++) destination[j * rows + i] = row[j];
                }
            }
        }
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "transpose";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Swap<T>(tape.AdjointSpan(node), n.Shape, n.I0, n.I1, tape.AdjointOf(n.A), accumulate: true);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Transpose(n.I0, n.I1));
        }
    }
}
