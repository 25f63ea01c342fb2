using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

public static partial class TensorOps
{
    /// <summary>
    /// Joins tensors end to end along an existing <paramref name="axis"/> (negative counts from the end); all other
    /// dimensions must agree. The gradient of each input is its slice of the output gradient. One node, whatever
    /// the number of inputs, and no heap allocation on a tape.
    /// </summary>
    /// <exception cref="ArgumentException">No tensors, or rank-0 tensors (use <see cref="Stack{T}"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    /// <exception cref="ShapeMismatchException">Two tensors differ in rank or in a dimension other than the axis; the message names both shapes.</exception>
    public static Tensor<T> Concat<T>(ReadOnlySpan<Tensor<T>> tensors, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tensors.IsEmpty) throw new ArgumentException("concat: no tensors given.", nameof(tensors));
        for (int j = 0; j < tensors.Length; j++)
            if (tensors[j].IsNone) throw new ArgumentException($"concat: tensors[{j}] is the default (none) tensor.", nameof(tensors));
        Shape first = tensors[0].Shape;
        if (first.Rank == 0)
            throw new ArgumentException("concat: rank-0 tensors have no axis to join along; use Stack.", nameof(tensors));
        int a = first.NormalizeAxis(axis);
        int total = 0;
        foreach (var t in tensors)
        {
            Shape s = t.Shape;
            if (s.Rank != first.Rank || s.WithDimension(a, 1) != first.WithDimension(a, 1))
                throw new ShapeMismatchException("concat", first, s, $"all dimensions except axis {a} must agree");
            total += s[a];
        }
        return tensors.Length == 1 ? tensors[0] : Join(tensors, a, first.WithDimension(a, total), ConcatRule<T>.Concat);
    }

    /// <summary>
    /// Records the result of shape <paramref name="shape"/> that lays the inputs one after another along
    /// <paramref name="axis"/> of the result (validated by the caller).
    /// </summary>
    private static Tensor<T> Join<T>(ReadOnlySpan<Tensor<T>> tensors, int axis, Shape shape, ConcatRule<T> rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (tape, requiresGradient) = OperandList.Common(tensors);
        Tensor<T> result;
        if (tape is null)
        {
            result = OpResult.New(rule, shape, tensors[0]);
        }
        else
        {
            int first = OperandList.Record(tape, tensors);
            result = tape.Push(rule, shape, requiresGradient);
            ref var node = ref tape.NodeAt(result.Id);
            node.I0 = axis;
            node.I1 = tensors.Length;
            node.I2 = first;
        }
        var d = result.MutableValues;
        (int outer, int total, int inner) = SliceOp.Split(shape, axis);
        int offset = 0;
        foreach (var t in tensors) offset = rule.Place(t, axis, outer, total, inner, offset, d);
        return OpResult.Done(result, rule);
    }

    /// <summary>The backward rule of <see cref="Concat{T}"/> and <see cref="Stack{T}"/>: each input receives its slice of the gradient.</summary>
    private sealed class ConcatRule<T>(bool stacked) : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly ConcatRule<T> Concat = new(false);
        public static readonly ConcatRule<T> Stack = new(true);
        public override string Name => stacked ? "stack" : "concat";

        /// <summary>The extent of an input of shape <paramref name="input"/> along the result's <paramref name="axis"/>.</summary>
        public int SizeAlong(Shape input, int axis) => stacked ? 1 : input[axis];

        /// <summary>Copies <paramref name="input"/> into its blocks of the result <paramref name="d"/>, starting at <paramref name="offset"/> within each outer row; returns the next offset.</summary>
        public int Place(Tensor<T> input, int axis, int outer, int total, int inner, int offset, Span<T> d)
        {
            var values = input.Values;
            int block = SizeAlong(input.Shape, axis) * inner;
            for (int o = 0; o < outer; o++)
                values.Slice(o * block, block).CopyTo(d.Slice(o * total * inner + offset, block));
            return offset + block;
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            var d = tape.ValueSpan(node);
            (int outer, int total, int inner) = SliceOp.Split(n.Shape, n.I0);
            int offset = 0;
            for (int j = 0; j < n.I1; j++) offset = Place(OperandList.Get(tape, n.I2, j), n.I0, outer, total, inner, offset, d);
        }

        public override void Backward(Tape<T> tape, int node)
        {
            var n = tape.NodeAt(node);
            var g = tape.AdjointSpan(node);
            (int outer, int total, int inner) = SliceOp.Split(n.Shape, n.I0);
            int offset = 0;
            for (int j = 0; j < n.I1; j++)
            {
                var input = OperandList.Get(tape, n.I2, j);
                int block = SizeAlong(input.Shape, n.I0) * inner;
                if (tape.NeedsGradient(input))
                {
                    var ga = tape.AdjointOf(input);
                    for (int o = 0; o < outer; o++)
                    {
                        var r = ga.Slice(o * block, block);
                        TensorPrimitives.Add(r, g.Slice(o * total * inner + offset, block), r);
                    }
                }
                offset += block;
            }
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            int start = 0;
            for (int j = 0; j < n.I1; j++)
            {
                var input = OperandList.Get(tape, n.I2, j);
                int size = SizeAlong(input.Shape, n.I0);
                if (tape.NeedsGradient(input))
                    tape.AccumulateGraph(input, grad.Slice(n.I0, start..(start + size)).Reshape(input.Shape));
                start += size;
            }
        }
    }
}
