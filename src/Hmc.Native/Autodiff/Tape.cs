using System.Numerics;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Autodiff;

/// <summary>
/// A reverse-mode autodiff tape that is also an arena (Stan Math's <c>stack_alloc</c>, DESIGN.md principle 1):
/// operations append nodes in evaluation order and their values to one growing buffer; the backward pass is a
/// single reverse loop; <see cref="Reset"/> keeps the capacity, so once the arena has grown to the size a
/// log-density needs, recording it and taking its gradient allocate nothing on the managed heap.
/// </summary>
/// <remarks>
/// Nested differentiation (principle 2) works by recording the backward pass itself:
/// <see cref="Gradient(Tensor{T}, ReadOnlySpan{Tensor{T}}, bool, bool)"/> with <c>createGraph</c> returns
/// gradients that are nodes on this tape, so they can be differentiated again (Hessians, third derivatives).
/// A tape is not thread-safe; each chain owns its own. It also carries the CPU parallelism policy its operations
/// run under (<see cref="Parallelism"/>): the threads the matrix products and batch loops recorded on it may use.
/// </remarks>
public sealed class Tape<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Node<T>[] _nodes = new Node<T>[64];
    private T[] _values = new T[256];
    private T[] _adjoints = new T[256];
    private bool[] _touched = new bool[64];
    private Tensor<T>[] _graphAdjoints = new Tensor<T>[64];
    private int _nodeCount;
    private int _valueCount;

    /// <summary>A tape whose operations may use every core of the machine (<see cref="CpuParallelism.ForMachine"/>).</summary>
    public Tape() : this(CpuParallelism.ForMachine())
    {
    }

    /// <summary>A tape whose operations use at most <paramref name="parallelism"/>'s cores (one: every loop runs on the calling thread).</summary>
    public Tape(CpuParallelism parallelism)
    {
        ArgumentNullException.ThrowIfNull(parallelism);
        Parallelism = parallelism;
    }

    /// <summary>The policy the operations recorded on this tape, forward and backward, run their parallel loops under.</summary>
    public CpuParallelism Parallelism { get; }

    /// <summary>
    /// When true, every recorded operation checks its result and throws <see cref="NonFiniteValueException"/>
    /// naming the operation at the first NaN or infinity. Off by default (samplers treat a non-finite
    /// log-density as a rejection instead).
    /// </summary>
    public bool CheckFinite { get; set; }

    /// <summary>The number of recorded nodes.</summary>
    public int NodeCount => _nodeCount;

    /// <summary>The number of arena elements in use.</summary>
    public int ValueCount => _valueCount;

    /// <summary>Forgets every node, keeping the arena's capacity.</summary>
    public void Reset() => Truncate(0, 0);

    /// <summary>Opens a nested scope; disposing it truncates the tape back to this point.</summary>
    public TapeScope<T> Scope() => new(this);

    internal void Truncate(int nodeCount, int valueCount)
    {
        if (nodeCount > _nodeCount || valueCount > _valueCount)
            throw new InvalidOperationException("A tape scope was closed after the tape had been reset below its start.");
        Array.Clear(_nodes, nodeCount, _nodeCount - nodeCount);
        _nodeCount = nodeCount;
        _valueCount = valueCount;
    }

    /// <summary>Records a variable (a leaf that gradients flow into) holding a copy of <paramref name="values"/>.</summary>
    public Tensor<T> Variable(ReadOnlySpan<T> values, Shape shape)
    {
        if (values.Length != shape.Length)
            throw new ArgumentException($"Values of length {values.Length} cannot have shape {shape}.", nameof(values));
        var t = Push(null, shape, requiresGradient: true);
        values.CopyTo(ValueSpan(t.Id));
        return t;
    }

    /// <summary>Records a rank-1 variable holding a copy of <paramref name="values"/>.</summary>
    public Tensor<T> Variable(ReadOnlySpan<T> values) => Variable(values, Shape.Vector(values.Length));

    /// <summary>Records a constant leaf (no gradient flows into it) holding a copy of <paramref name="values"/>.</summary>
    public Tensor<T> Constant(ReadOnlySpan<T> values, Shape shape)
    {
        if (values.Length != shape.Length)
            throw new ArgumentException($"Values of length {values.Length} cannot have shape {shape}.", nameof(values));
        var t = Push(null, shape, requiresGradient: false);
        values.CopyTo(ValueSpan(t.Id));
        return t;
    }

    /// <summary>Records a rank-0 constant.</summary>
    public Tensor<T> Constant(T value)
    {
        var t = Push(null, Shape.Scalar, requiresGradient: false);
        _values[_nodes[t.Id].Offset] = value;
        return t;
    }

    /// <summary>Records a constant of the given shape filled with <paramref name="value"/>.</summary>
    public Tensor<T> Filled(Shape shape, T value)
    {
        var t = Push(null, shape, requiresGradient: false);
        ValueSpan(t.Id).Fill(value);
        return t;
    }

    internal Shape NodeShape(int id) => _nodes[id].Shape;

    internal bool NodeRequiresGradient(int id) => _nodes[id].RequiresGradient;

    internal ref Node<T> NodeAt(int id) => ref _nodes[id];

    /// <summary>The first (for a one-element node, the only) value of a node.</summary>
    internal T ScalarValue(int id) => _values[_nodes[id].Offset];

    internal Span<T> ValueSpan(int id)
    {
        ref var n = ref _nodes[id];
        return _values.AsSpan(n.Offset, n.Length);
    }

    /// <summary>The arena elements from <paramref name="offset"/> on, <paramref name="length"/> of them.</summary>
    internal Span<T> ValueRange(int offset, int length) => _values.AsSpan(offset, length);

    /// <summary>The adjoint ∂L/∂(node) during a numeric backward pass.</summary>
    internal Span<T> AdjointSpan(int id)
    {
        ref var n = ref _nodes[id];
        return _adjoints.AsSpan(n.Offset, n.Length);
    }

    /// <summary>True when <paramref name="input"/> is a node of this tape that gradients flow into.</summary>
    internal bool NeedsGradient(Tensor<T> input) =>
        ReferenceEquals(input.Owner, this) && _nodes[input.Id].RequiresGradient;

    /// <summary>
    /// The adjoint span of <paramref name="input"/> to accumulate into during a numeric backward pass, marking
    /// the node as reached. Call only when <see cref="NeedsGradient"/> is true.
    /// </summary>
    internal Span<T> AdjointOf(Tensor<T> input)
    {
        _touched[input.Id] = true;
        return AdjointSpan(input.Id);
    }

    /// <summary>Adds <paramref name="grad"/> into the differentiable adjoint of <paramref name="input"/> (graph mode).</summary>
    internal void AccumulateGraph(Tensor<T> input, Tensor<T> grad)
    {
        if (!NeedsGradient(input)) return;
        // Read, add, then store: the addition records a node and may reallocate _graphAdjoints.
        var current = _graphAdjoints[input.Id];
        var sum = current.IsNone ? grad : current.Add(grad);
        _graphAdjoints[input.Id] = sum;
    }

    /// <summary>
    /// The tape shared by the inputs of an operation, or null when all are constants.
    /// </summary>
    /// <exception cref="AutodiffException">The inputs come from two different tapes.</exception>
    internal static Tape<T>? Common(Tensor<T> a, Tensor<T> b = default, Tensor<T> c = default)
    {
        var ta = a.Owner as Tape<T>;
        var tb = b.Owner as Tape<T>;
        var tc = c.Owner as Tape<T>;
        var tape = ta ?? tb ?? tc;
        if ((tb is not null && tb != tape) || (tc is not null && tc != tape))
            throw new AutodiffException("An operation mixes tensors recorded on two different tapes.");
        return tape;
    }

    /// <summary>
    /// Appends a node with room for its value in the arena. The slot past the last node is always cleared
    /// (a new array, or <see cref="Truncate"/>), so only the fields set here need writing.
    /// </summary>
    internal Tensor<T> Push(Op<T>? op, Shape shape, bool requiresGradient)
    {
        if (_nodeCount == _nodes.Length) GrowNodes();
        int length = shape.Length;
        if (_valueCount + length > _values.Length) GrowValues(_valueCount + length);
        ref var n = ref _nodes[_nodeCount];
        n.Op = op;
        n.Shape = shape;
        n.Offset = _valueCount;
        n.Length = length;
        n.RequiresGradient = requiresGradient;
        _valueCount += length;
        return new Tensor<T>(this, _nodeCount++);
    }

    /// <summary>
    /// Appends the node of <paramref name="op"/> applied to inputs of this tape (or constants), recording the
    /// inputs; it requires a gradient when any input does.
    /// </summary>
    internal Tensor<T> PushOperation(Op<T> op, Shape shape, Tensor<T> a, Tensor<T> b, Tensor<T> c)
    {
        bool requiresGradient = NeedsGradient(a) || NeedsGradient(b) || NeedsGradient(c);
        var result = Push(op, shape, requiresGradient);
        ref var n = ref _nodes[result.Id];
        n.A = a;
        n.B = b;
        n.C = c;
        return result;
    }

    private void GrowNodes()
    {
        int size = _nodes.Length * 2;
        Array.Resize(ref _nodes, size);
        Array.Resize(ref _touched, size);
        Array.Resize(ref _graphAdjoints, size);
    }

    private void GrowValues(int needed)
    {
        int size = Math.Max(needed, _values.Length * 2);
        Array.Resize(ref _values, size);
        Array.Resize(ref _adjoints, size);
    }

    /// <summary>Checks a freshly computed result when <see cref="CheckFinite"/> is on.</summary>
    internal void CheckResult(Tensor<T> result, string operation)
    {
        if (!CheckFinite) return;
        var v = ValueSpan(result.Id);
        for (int i = 0; i < v.Length; i++)
            if (!T.IsFinite(v[i]))
                throw new NonFiniteValueException(operation, i, double.CreateTruncating(v[i]));
    }

    /// <summary>
    /// Runs the numeric backward pass from <paramref name="output"/> seeded with ∂L/∂output =
    /// <paramref name="seed"/>, leaving each reached node's adjoint in the arena. With
    /// <paramref name="skipZeroAdjoints"/>, a node whose adjoint is all zeros is not propagated (it adds nothing),
    /// so its inputs may stay unreached; callers that read unreached inputs as zero gradients can use it.
    /// </summary>
    internal void BackwardNumeric(Tensor<T> output, ReadOnlySpan<T> seed, bool skipZeroAdjoints = false)
    {
        if (!ReferenceEquals(output.Owner, this))
            throw new AutodiffException("The output is not recorded on this tape.");
        int last = output.Id;
        ref var outNode = ref _nodes[last];
        Array.Clear(_adjoints, 0, outNode.Offset + outNode.Length);
        Array.Clear(_touched, 0, last + 1);
        seed.CopyTo(AdjointSpan(last));
        _touched[last] = true;
        for (int i = last; i >= 0; i--)
        {
            if (!_touched[i]) continue;
            ref var n = ref _nodes[i];
            if (n.Op is null || !n.RequiresGradient) continue;
            if (skipZeroAdjoints && _adjoints.AsSpan(n.Offset, n.Length).IndexOfAnyExcept(T.Zero) < 0) continue;
            n.Op.Backward(this, i);
        }
    }

    internal bool WasReached(Tensor<T> input) => ReferenceEquals(input.Owner, this) && _touched[input.Id];

    /// <summary>
    /// Gradients of a scalar <paramref name="output"/> with respect to <paramref name="inputs"/>, as tensors on
    /// this tape. With <paramref name="createGraph"/> the backward pass is recorded, so the gradients can be
    /// differentiated again (PyTorch's <c>create_graph</c>); without it they are constants on the tape.
    /// </summary>
    /// <exception cref="NonScalarOutputException">The output has more than one element.</exception>
    /// <exception cref="InputNotUsedException">An input does not take part and <paramref name="allowUnused"/> is false.</exception>
    public Tensor<T>[] Gradient(Tensor<T> output, ReadOnlySpan<Tensor<T>> inputs, bool createGraph = false, bool allowUnused = false)
    {
        var result = new Tensor<T>[inputs.Length];
        if (output.Length != 1) throw new NonScalarOutputException(output.Shape);
        if (createGraph)
        {
            BackwardGraph(output);
            for (int k = 0; k < inputs.Length; k++)
            {
                var input = inputs[k];
                var g = ReferenceEquals(input.Owner, this) && input.Id <= output.Id ? _graphAdjoints[input.Id] : default;
                if (g.IsNone)
                {
                    if (!allowUnused) throw new InputNotUsedException(k);
                    g = Filled(input.Shape, T.Zero);
                }
                result[k] = g;
            }
            Array.Clear(_graphAdjoints, 0, output.Id + 1);
            return result;
        }
        BackwardNumeric(output, [T.One]);
        for (int k = 0; k < inputs.Length; k++)
        {
            var input = inputs[k];
            bool reached = WasReached(input) && input.Id <= output.Id;
            if (!reached && !allowUnused) throw new InputNotUsedException(k);
            result[k] = reached ? Constant(AdjointSpan(input.Id), input.Shape) : Filled(input.Shape, T.Zero);
        }
        return result;
    }

    /// <summary>The gradient of a scalar <paramref name="output"/> with respect to one input.</summary>
    public Tensor<T> Gradient(Tensor<T> output, Tensor<T> input, bool createGraph = false, bool allowUnused = false) =>
        Gradient(output, [input], createGraph, allowUnused)[0];

    /// <summary>
    /// The recorded vector-Jacobian product (∂<paramref name="output"/>/∂<paramref name="input"/>)ᵀ·e_k for the unit
    /// vector e_k that selects element <paramref name="component"/> of <paramref name="output"/>: the recorded gradient
    /// of that element, as <see cref="Gradient(Tensor{T}, Tensor{T}, bool, bool)"/> with <c>createGraph</c> and
    /// <c>allowUnused</c> would give for it, except that an adjoint which is a constant of zeros is not propagated: it
    /// adds nothing to any gradient or to any derivative of one. Seeding one component at a time, as a Hessian does,
    /// makes whole branches of the backward pass such constants.
    /// </summary>
    internal Tensor<T> RecordedComponentGradient(Tensor<T> output, int component, Tensor<T> input)
    {
        var seed = Filled(output.Shape, T.Zero);
        ValueSpan(seed.Id)[component] = T.One;
        BackwardGraph(output, seed, pruneConstantZeros: true);
        var g = ReferenceEquals(input.Owner, this) && input.Id <= output.Id ? _graphAdjoints[input.Id] : default;
        Array.Clear(_graphAdjoints, 0, output.Id + 1);
        return g.IsNone ? Filled(input.Shape, T.Zero) : g;
    }

    private bool IsConstantZero(Tensor<T> g)
    {
        ref var n = ref _nodes[g.Id];
        return !n.RequiresGradient && _values.AsSpan(n.Offset, n.Length).IndexOfAnyExcept(T.Zero) < 0;
    }

    private void BackwardGraph(Tensor<T> output, Tensor<T> seed = default, bool pruneConstantZeros = false)
    {
        if (!ReferenceEquals(output.Owner, this))
            throw new AutodiffException("The output is not recorded on this tape.");
        int last = output.Id;
        Array.Clear(_graphAdjoints, 0, last + 1);
        // Create the seed before indexing: Filled may grow (and so replace) the adjoint array.
        if (seed.IsNone) seed = Filled(output.Shape, T.One);
        _graphAdjoints[last] = seed;
        for (int i = last; i >= 0; i--)
        {
            var g = _graphAdjoints[i];
            if (g.IsNone) continue;
            var op = _nodes[i].Op;
            if (op is null || !_nodes[i].RequiresGradient) continue;
            if (pruneConstantZeros && IsConstantZero(g)) continue;
            op.BackwardGraph(this, i, g);
        }
    }
}
