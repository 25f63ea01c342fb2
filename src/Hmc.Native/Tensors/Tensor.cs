using System.Numerics;
using System.Runtime.CompilerServices;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;

namespace Hmc.Native.Tensors;

/// <summary>
/// A dense row-major tensor of <typeparamref name="T"/> (<see cref="float"/> or <see cref="double"/>).
/// A tensor is a small handle: either a node on a <see cref="Tape{T}"/> (its operations are recorded and
/// can be differentiated; its storage lives in the tape's arena, so recording allocates nothing once the
/// arena has grown) or a constant with its own heap storage (data, fixed parameters).
/// An operation whose inputs include a tape tensor is recorded on that tape; an operation on constants
/// only is computed eagerly into a new constant.
/// </summary>
/// <remarks>Operations live in <c>Hmc.Native.Ops</c>, one per file, as extension methods of this type.</remarks>
public readonly struct Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal readonly object? Owner;
    internal readonly int Id;

    internal Tensor(Tape<T> tape, int id)
    {
        Owner = tape;
        Id = id;
    }

    internal Tensor(TensorStorage<T> storage)
    {
        Owner = storage;
        Id = -1;
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a constant tensor of the given shape.</summary>
    /// <exception cref="ArgumentException">The data length is not the product of the dimensions.</exception>
    public Tensor(T[] data, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != shape.Length)
            throw new ArgumentException($"Data of length {data.Length} cannot have shape {shape} ({shape.Length} elements).", nameof(data));
        Owner = new TensorStorage<T>(data, shape);
        Id = -1;
    }

    /// <summary>True for the default value, which stands for "no tensor".</summary>
    public bool IsNone => Owner is null;

    /// <summary>The tape this tensor is recorded on, or null for a constant.</summary>
    public Tape<T>? Tape => Owner as Tape<T>;

    /// <summary>True when this tensor is recorded on a tape.</summary>
    public bool IsOnTape => Owner is Tape<T>;

    /// <summary>The dimensions.</summary>
    public Shape Shape => Owner is Tape<T> tape ? tape.NodeShape(Id) : Storage().Shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>The number of elements.</summary>
    public int Length => Shape.Length;

    /// <summary>The element type.</summary>
    public static DType DType => typeof(T) == typeof(float) ? DType.Float32 : DType.Float64;

    /// <summary>The elements in row-major order. Valid until the tape is reset or grows.</summary>
    public ReadOnlySpan<T> Values => Owner is Tape<T> tape ? tape.ValueSpan(Id) : Storage().Data;

    /// <summary>Writable elements; only operations writing their own fresh result use this.</summary>
    internal Span<T> MutableValues => Owner is Tape<T> tape ? tape.ValueSpan(Id) : Storage().Data;

    /// <summary>The storage of a constant; kept out of line so the tape paths of the accessors above stay small.</summary>
    /// <exception cref="InvalidOperationException">The tensor is the default ("none") value.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private TensorStorage<T> Storage() => Owner as TensorStorage<T> ?? throw NoneException();

    /// <summary>True when gradients flow into this tensor: it is on a tape and depends on a variable.</summary>
    public bool RequiresGradient => Owner is Tape<T> tape && tape.NodeRequiresGradient(Id);

    /// <summary>The value of a one-element tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than one element.</exception>
    public T ToScalar()
    {
        var v = Values;
        if (v.Length != 1)
            throw new InvalidOperationException($"ToScalar() needs a one-element tensor; this one has shape {Shape}.");
        return v[0];
    }

    /// <summary>A copy of the elements in row-major order.</summary>
    public T[] ToArray() => Values.ToArray();

    /// <summary>The sub-tensor at <paramref name="index"/> along the first axis (rank reduced by one).</summary>
    public Tensor<T> this[int index] => this.Select(0, index);

    /// <summary>The slice <paramref name="range"/> along the first axis.</summary>
    public Tensor<T> this[Range range] => this.Slice(0, range);

    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => a.Add(b);

    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => a.Subtract(b);

    /// <summary>Elementwise product with broadcasting.</summary>
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => a.Multiply(b);

    /// <summary>Elementwise quotient with broadcasting.</summary>
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => a.Divide(b);

    /// <summary>Elementwise negation.</summary>
    public static Tensor<T> operator -(Tensor<T> a) => a.Negate();

    /// <summary>Adds a scalar.</summary>
    public static Tensor<T> operator +(Tensor<T> a, T b) => a.Add(a.ScalarLike(b));

    /// <summary>Adds a scalar.</summary>
    public static Tensor<T> operator +(T a, Tensor<T> b) => b.ScalarLike(a).Add(b);

    /// <summary>Subtracts a scalar.</summary>
    public static Tensor<T> operator -(Tensor<T> a, T b) => a.Subtract(a.ScalarLike(b));

    /// <summary>Subtracts from a scalar.</summary>
    public static Tensor<T> operator -(T a, Tensor<T> b) => b.ScalarLike(a).Subtract(b);

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor<T> operator *(Tensor<T> a, T b) => a.Multiply(a.ScalarLike(b));

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor<T> operator *(T a, Tensor<T> b) => b.ScalarLike(a).Multiply(b);

    /// <summary>Divides by a scalar.</summary>
    public static Tensor<T> operator /(Tensor<T> a, T b) => a.Divide(a.ScalarLike(b));

    /// <summary>Divides a scalar by each element.</summary>
    public static Tensor<T> operator /(T a, Tensor<T> b) => b.ScalarLike(a).Divide(b);

    /// <summary>
    /// A rank-0 constant holding <paramref name="value"/>, placed on this tensor's tape when it has one
    /// (so it costs no heap allocation) and on the heap otherwise.
    /// </summary>
    public Tensor<T> ScalarLike(T value) =>
        Owner is Tape<T> tape ? tape.Constant(value) : Tensor.Scalar(value);

    /// <summary>A short description: shape, element type and, for small tensors, the values.</summary>
    public override string ToString()
    {
        if (IsNone) return "Tensor(none)";
        var values = Values;
        string body = values.Length <= 8 ? "[" + string.Join(", ", values.ToArray()) + "]" : $"{values.Length} elements";
        return $"Tensor<{typeof(T).Name}>{Shape} {body}";
    }

    private static InvalidOperationException NoneException() =>
        new("This tensor is the default (none) value: it was never created by a factory or an operation.");
}
