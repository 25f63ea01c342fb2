using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// A contiguous range along one axis (<c>x[1..]</c>, <c>x.Slice(1, 2..5)</c>) and the selection of one index
/// (<c>x[0]</c>, which removes the axis). The gradient is the output gradient placed back into zeros
/// (<see cref="PadAxisOp"/>).
/// </summary>
public static class SliceOp
{
    /// <summary>The elements of <paramref name="x"/> whose index along <paramref name="axis"/> lies in <paramref name="range"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the axis.</exception>
    public static Tensor<T> Slice<T>(this Tensor<T> x, int axis, Range range) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "slice", nameof(x));
        Shape sx = x.Shape;
        if (sx.Rank == 0) throw new ArgumentException("slice: a scalar has no axis to slice.", nameof(x));
        int a = sx.NormalizeAxis(axis);
        int size = sx[a];
        int start, length;
        try
        {
            (start, length) = range.GetOffsetAndLength(size);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ArgumentOutOfRangeException(nameof(range), $"slice: range {range} is outside axis {a} of shape {sx}.");
        }
        if (start == 0 && length == size) return x;
        var shape = sx.WithDimension(a, length);
        var result = OpResult.New(Rule<T>.Instance, shape, x);
        CopyRange(x.Values, sx, a, start, length, result.MutableValues);
        if (result.Tape is { } tape)
        {
            ref var node = ref tape.NodeAt(result.Id);
            node.I0 = a;
            node.I1 = start;
        }
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>The sub-tensor at <paramref name="index"/> along <paramref name="axis"/> (the axis is removed; negative indices count from the end).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the axis.</exception>
    public static Tensor<T> Select<T>(this Tensor<T> x, int axis, int index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "select", nameof(x));
        Shape sx = x.Shape;
        if (sx.Rank == 0) throw new ArgumentException("select: a scalar has no axis to index.", nameof(x));
        int a = sx.NormalizeAxis(axis);
        int i = index < 0 ? index + sx[a] : index;
        if (i < 0 || i >= sx[a])
            throw new ArgumentOutOfRangeException(nameof(index), $"select: index {index} is outside axis {a} of shape {sx}.");
        return x.Slice(a, i..(i + 1)).Reshape(sx.RemoveAxis(a));
    }

    /// <summary>Copies indices [start, start+length) of axis <paramref name="axis"/> of a tensor of shape <paramref name="shape"/>.</summary>
    internal static void CopyRange<T>(ReadOnlySpan<T> source, Shape shape, int axis, int start, int length, Span<T> destination)
    {
        (int outer, int size, int inner) = Split(shape, axis);
        for (int o = 0; o < outer; o++)
            source.Slice((o * size + start) * inner, length * inner).CopyTo(destination.Slice(o * length * inner, length * inner));
    }

    /// <summary>destination[range along axis] += source, the adjoint of <see cref="CopyRange{T}"/>.</summary>
    internal static void AddRange<T>(ReadOnlySpan<T> source, Shape fullShape, int axis, int start, int length, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        AddAcrossRange(source, destination, fullShape, axis, start, length, intoRange: true);

    /// <summary>destination += the indices [start, start+length) of axis <paramref name="axis"/> of <paramref name="source"/>, a tensor of shape <paramref name="fullShape"/> (the adjoint of padding).</summary>
    internal static void AccumulateRange<T>(ReadOnlySpan<T> source, Shape fullShape, int axis, int start, int length, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        AddAcrossRange(source, destination, fullShape, axis, start, length, intoRange: false);

    /// <summary>Adds a compact tensor into a range of a larger one along <paramref name="axis"/> (<paramref name="intoRange"/>), or that range of the larger one into the compact one.</summary>
    private static void AddAcrossRange<T>(ReadOnlySpan<T> source, Span<T> destination, Shape fullShape, int axis, int start, int length, bool intoRange)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int outer, int size, int inner) = Split(fullShape, axis);
        int block = length * inner;
        for (int o = 0; o < outer; o++)
        {
            int full = (o * size + start) * inner, compact = o * block;
            var d = destination.Slice(intoRange ? full : compact, block);
            TensorPrimitives.Add(d, source.Slice(intoRange ? compact : full, block), d);
        }
    }

    /// <summary>The product of the dimensions before, the size of, and the product after <paramref name="axis"/>.</summary>
    internal static (int Outer, int Size, int Inner) Split(Shape shape, int axis)
    {
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= shape[d];
        for (int d = axis + 1; d < shape.Rank; d++) inner *= shape[d];
        return (outer, shape[axis], inner);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "slice";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            AddRange(tape.AdjointSpan(node), n.A.Shape, n.I0, n.I1, n.Shape[n.I0], tape.AdjointOf(n.A));
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            CopyRange(n.A.Values, n.A.Shape, n.I0, n.I1, n.Shape[n.I0], tape.ValueSpan(node));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            int size = n.A.Shape[n.I0], length = n.Shape[n.I0];
            tape.AccumulateGraph(n.A, grad.PadAxis(n.I0, n.I1, size - n.I1 - length));
        }
    }
}
