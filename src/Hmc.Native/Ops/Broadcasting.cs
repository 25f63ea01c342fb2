using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Walks the rows (last-axis runs) of a broadcast output, giving the offset of the matching run in each input
/// and whether that input advances along the row (stride 1) or repeats one element (stride 0).
/// </summary>
internal ref struct BroadcastCursor
{
    private Span<int> _index;
    private readonly Span<int> _outDims;
    private readonly Span<int> _strideA;
    private readonly Span<int> _strideB;
    private readonly int _outerRank;
    private bool _started;

    public BroadcastCursor(Shape output, Shape a, Shape b, Span<int> workspace)
    {
        int rank = output.Rank;
        _outDims = workspace[..rank];
        _strideA = workspace.Slice(rank, rank);
        _strideB = workspace.Slice(2 * rank, rank);
        _index = workspace.Slice(3 * rank, rank);
        _index.Clear();
        output.CopyTo(_outDims);
        Broadcasting.Strides(a, output, _strideA);
        Broadcasting.Strides(b, output, _strideB);
        _outerRank = Math.Max(rank - 1, 0);
        RowLength = rank == 0 ? 1 : _outDims[rank - 1];
        InnerStrideA = rank == 0 ? 0 : _strideA[rank - 1];
        InnerStrideB = rank == 0 ? 0 : _strideB[rank - 1];
        OffsetA = OffsetB = OffsetOut = 0;
        _started = false;
    }

    /// <summary>The workspace length needed for an output of rank <paramref name="rank"/>.</summary>
    public static int WorkspaceLength(int rank) => 4 * Math.Max(rank, 1);

    public int RowLength { get; }
    public int InnerStrideA { get; }
    public int InnerStrideB { get; }
    public int OffsetA { get; private set; }
    public int OffsetB { get; private set; }
    public int OffsetOut { get; private set; }

    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            return _outDims.Length == 0 || RowLength > 0 && AllPositive();
        }
        OffsetOut += RowLength;
        for (int d = _outerRank - 1; d >= 0; d--)
        {
            _index[d]++;
            OffsetA += _strideA[d];
            OffsetB += _strideB[d];
            if (_index[d] < _outDims[d]) return true;
            OffsetA -= _strideA[d] * _index[d];
            OffsetB -= _strideB[d] * _index[d];
            _index[d] = 0;
        }
        return false;
    }

    private readonly bool AllPositive()
    {
        foreach (int d in _outDims) if (d == 0) return false;
        return true;
    }
}

/// <summary>An elementwise binary function with scalar and SIMD span forms, for use as a generic struct argument.</summary>
internal interface IBinaryKernel<T>
{
    static abstract T Apply(T a, T b);

    static abstract void Apply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination);

    static abstract void Apply(ReadOnlySpan<T> a, T b, Span<T> destination);

    static abstract void Apply(T a, ReadOnlySpan<T> b, Span<T> destination);
}

/// <summary>NumPy broadcasting for elementwise kernels and for reducing gradients back to an input's shape.</summary>
internal static class Broadcasting
{
    /// <summary>The strides of <paramref name="input"/> laid over <paramref name="output"/>: 0 on broadcast axes.</summary>
    public static void Strides(Shape input, Shape output, Span<int> strides)
    {
        int offset = output.Rank - input.Rank;
        int s = 1;
        for (int d = output.Rank - 1; d >= 0; d--)
        {
            int k = d - offset;
            int size = k >= 0 ? input[k] : 1;
            strides[d] = size == 1 ? 0 : s;
            s *= size;
        }
    }

    /// <summary>
    /// The result of the elementwise operation <paramref name="rule"/> (kernel <typeparamref name="TOp"/>) on
    /// <paramref name="a"/> and <paramref name="b"/> with broadcasting, recorded on their tape or computed eagerly.
    /// Two one-element tensors of equal rank on the same tape, the usual case in small log-densities, take a
    /// short path that skips the shape broadcast and the span kernels; two of the same shape skip the broadcast.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast.</exception>
    public static Tensor<T> Apply<T, TOp>(Op<T> rule, Tensor<T> a, Tensor<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryKernel<T>
    {
        if (a.IsNone || b.IsNone)
        {
            OpResult.RequireTensor(a, rule.Name, nameof(a));
            OpResult.RequireTensor(b, rule.Name, nameof(b));
        }
        if (a.Owner is Tape<T> tape && ReferenceEquals(b.Owner, tape))
        {
            ref var na = ref tape.NodeAt(a.Id);
            ref var nb = ref tape.NodeAt(b.Id);
            if (na.Length == 1 && nb.Length == 1 && na.Shape.Rank == nb.Shape.Rank)
            {
                T value = TOp.Apply(tape.ScalarValue(a.Id), tape.ScalarValue(b.Id));
                var scalar = tape.PushOperation(rule, na.Shape, a, b, default);
                tape.ValueSpan(scalar.Id)[0] = value;
                return OpResult.Done(scalar, rule);
            }
            if (na.Shape == nb.Shape)
            {
                var same = tape.PushOperation(rule, na.Shape, a, b, default);
                TOp.Apply(tape.ValueSpan(a.Id), tape.ValueSpan(b.Id), tape.ValueSpan(same.Id));
                return OpResult.Done(same, rule);
            }
        }
        Shape sa = a.Shape, sb = b.Shape, shape = Shape.Broadcast(sa, sb, rule.Name);
        var result = OpResult.New(rule, shape, a, b);
        Binary<T, TOp>(a.Values, sa, b.Values, sb, result.MutableValues, shape);
        return OpResult.Done(result, rule);
    }

    /// <summary>Recomputes the value of a recorded elementwise node from the current values of its two inputs.</summary>
    internal static void Recompute<T, TOp>(Tape<T> tape, int node)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryKernel<T>
    {
        ref var n = ref tape.NodeAt(node);
        Binary<T, TOp>(n.A.Values, n.A.Shape, n.B.Values, n.B.Shape, tape.ValueSpan(node), n.Shape);
    }

    /// <summary>destination = op(a, b) with broadcasting; <paramref name="destination"/> has the broadcast shape.</summary>
    public static void Binary<T, TOp>(ReadOnlySpan<T> a, Shape shapeA, ReadOnlySpan<T> b, Shape shapeB, Span<T> destination, Shape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryKernel<T>
    {
        // One output element means one element in each input; a scalar call beats the span kernels' overhead.
        // An input that broadcasts to the output with as many elements has the output's layout (they differ at most
        // by dimensions of 1), so comparing lengths is enough to pick the flat kernels.
        if (destination.Length == 1 && a.Length == 1 && b.Length == 1) { destination[0] = TOp.Apply(a[0], b[0]); return; }
        if (a.Length == destination.Length && b.Length == destination.Length) { TOp.Apply(a, b, destination); return; }
        if (a.Length == destination.Length && b.Length == 1) { TOp.Apply(a, b[0], destination); return; }
        if (b.Length == destination.Length && a.Length == 1) { TOp.Apply(a[0], b, destination); return; }
        Span<int> work = stackalloc int[BroadcastCursor.WorkspaceLength(shape.Rank)];
        var cursor = new BroadcastCursor(shape, shapeA, shapeB, work);
        int n = cursor.RowLength;
        while (cursor.MoveNext())
        {
            var d = destination.Slice(cursor.OffsetOut, n);
            switch (cursor.InnerStrideA, cursor.InnerStrideB)
            {
                case (1, 1): TOp.Apply(a.Slice(cursor.OffsetA, n), b.Slice(cursor.OffsetB, n), d); break;
                case (1, 0): TOp.Apply(a.Slice(cursor.OffsetA, n), b[cursor.OffsetB], d); break;
                case (0, 1): TOp.Apply(a[cursor.OffsetA], b.Slice(cursor.OffsetB, n), d); break;
                default: d.Fill(TOp.Apply(a[cursor.OffsetA], b[cursor.OffsetB])); break;
            }
        }
    }

    /// <summary>
    /// The adjoint of <paramref name="input"/> += <paramref name="source"/> summed down to the input's shape (the
    /// adjoint of broadcasting the input to <paramref name="sourceShape"/>) during a numeric backward pass. The
    /// input's shape is read only when the two differ in length; of equal length they share a layout, and
    /// <see cref="AccumulateReduced{T}"/> takes its flat path whatever target shape it is given.
    /// </summary>
    internal static void AccumulateInto<T>(Tape<T> tape, ReadOnlySpan<T> source, in Shape sourceShape, Tensor<T> input)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var target = tape.AdjointOf(input);
        AccumulateReduced(source, sourceShape, target, source.Length == target.Length ? sourceShape : input.Shape);
    }

    /// <summary>
    /// target += source summed over the axes along which <paramref name="targetShape"/> was broadcast to
    /// <paramref name="sourceShape"/> (the adjoint of broadcasting).
    /// </summary>
    public static void AccumulateReduced<T>(ReadOnlySpan<T> source, Shape sourceShape, Span<T> target, Shape targetShape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (source.Length == 1 && target.Length == 1) { target[0] += source[0]; return; }
        if (source.Length == target.Length) { TensorPrimitives.Add(target, source, target); return; }
        if (targetShape.Length == 1) { target[0] += TensorPrimitives.Sum(source); return; }
        Span<int> work = stackalloc int[BroadcastCursor.WorkspaceLength(sourceShape.Rank)];
        var cursor = new BroadcastCursor(sourceShape, targetShape, sourceShape, work);
        int n = cursor.RowLength;
        while (cursor.MoveNext())
        {
            var row = source.Slice(cursor.OffsetOut, n);
            if (cursor.InnerStrideA == 1)
            {
                var t = target.Slice(cursor.OffsetA, n);
                TensorPrimitives.Add(t, row, t);
            }
            else
            {
                target[cursor.OffsetA] += TensorPrimitives.Sum(row);
            }
        }
    }
}
