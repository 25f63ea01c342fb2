using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Hmc.Native.Tensors;

/// <summary>Inline storage for up to <see cref="Shape.MaxRank"/> dimensions, so a shape never allocates.</summary>
[InlineArray(Shape.MaxRank)]
internal struct ShapeDimensions
{
    private int _first;
}

/// <summary>
/// The dimensions of a tensor, stored inline (a value type that never touches the heap).
/// Rank 0 is a scalar. Broadcasting follows NumPy: shapes are aligned on their trailing
/// dimensions and a dimension of 1 stretches to match the other.
/// </summary>
public readonly struct Shape : IEquatable<Shape>
{
    /// <summary>The largest rank a tensor may have.</summary>
    public const int MaxRank = 6;

    private readonly ShapeDimensions _dims;

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank { get; }

    /// <summary>The number of elements: the product of the dimensions (1 for a scalar).</summary>
    public int Length { get; }

    /// <summary>Creates a shape from its dimensions; each must be non-negative.</summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxRank"/> dimensions or a negative one.</exception>
    public Shape(params ReadOnlySpan<int> dimensions)
    {
        if (dimensions.Length > MaxRank)
            throw new ArgumentException($"A tensor has at most {MaxRank} dimensions; got {dimensions.Length}.", nameof(dimensions));
        Rank = dimensions.Length;
        long length = 1;
        for (int i = 0; i < dimensions.Length; i++)
        {
            if (dimensions[i] < 0)
                throw new ArgumentException($"Dimension {i} is negative ({dimensions[i]}).", nameof(dimensions));
            _dims[i] = dimensions[i];
            length *= dimensions[i];
        }
        if (length > int.MaxValue)
            throw new ArgumentException("A tensor holds at most int.MaxValue elements.", nameof(dimensions));
        Length = (int)length;
    }

    /// <summary>The shape of a scalar (rank 0, one element).</summary>
    public static Shape Scalar => ScalarShape;

    private static readonly Shape ScalarShape = new(ReadOnlySpan<int>.Empty);

    /// <summary>A rank-1 shape of <paramref name="n"/> elements.</summary>
    public static Shape Vector(int n) => new(n);

    /// <summary>A rank-2 shape of <paramref name="rows"/> by <paramref name="columns"/>.</summary>
    public static Shape Matrix(int rows, int columns) => new(rows, columns);

    /// <summary>The size of dimension <paramref name="axis"/>; a negative axis counts from the end.</summary>
    public int this[int axis] => _dims[NormalizeAxis(axis)];

    /// <summary>True for rank 0.</summary>
    public bool IsScalar => Rank == 0;

    /// <summary>Maps a possibly negative axis to 0..Rank-1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    public int NormalizeAxis(int axis)
    {
        int a = axis < 0 ? axis + Rank : axis;
        if ((uint)a >= (uint)Rank) ThrowAxisOutOfRange(axis);
        return a;
    }

    [DoesNotReturn]
    private void ThrowAxisOutOfRange(int axis) =>
        throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for shape {this}.");

    /// <summary>Copies the dimensions into a new array.</summary>
    public int[] ToArray()
    {
        var result = new int[Rank];
        for (int i = 0; i < Rank; i++) result[i] = _dims[i];
        return result;
    }

    /// <summary>Writes the dimensions into <paramref name="destination"/> (length at least Rank).</summary>
    public void CopyTo(Span<int> destination)
    {
        for (int i = 0; i < Rank; i++) destination[i] = _dims[i];
    }

    /// <summary>The row-major (C order) strides of this shape, in elements.</summary>
    public void Strides(Span<int> strides)
    {
        int s = 1;
        for (int i = Rank - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= _dims[i];
        }
    }

    /// <summary>This shape with dimension <paramref name="axis"/> removed.</summary>
    public Shape RemoveAxis(int axis)
    {
        int a = NormalizeAxis(axis);
        Span<int> d = stackalloc int[MaxRank];
        int k = 0;
        for (int i = 0; i < Rank; i++) if (i != a) d[k++] = _dims[i];
        return new Shape(d[..k]);
    }

    /// <summary>This shape with dimension <paramref name="axis"/> set to <paramref name="size"/>.</summary>
    public Shape WithDimension(int axis, int size)
    {
        int a = NormalizeAxis(axis);
        var dims = _dims;
        dims[a] = size;
        return new Shape(((ReadOnlySpan<int>)dims)[..Rank]);
    }

    /// <summary>This shape with a new dimension of <paramref name="size"/> inserted before <paramref name="axis"/> (0..Rank).</summary>
    public Shape InsertAxis(int axis, int size)
    {
        if (axis < 0 || axis > Rank)
            throw new ArgumentOutOfRangeException(nameof(axis), $"Cannot insert axis {axis} into shape {this}.");
        Span<int> d = stackalloc int[MaxRank + 1];
        int k = 0;
        for (int i = 0; i < Rank; i++)
        {
            if (i == axis) d[k++] = size;
            d[k++] = _dims[i];
        }
        if (axis == Rank) d[k++] = size;
        return new Shape(d[..k]);
    }

    /// <summary>
    /// The NumPy broadcast of two shapes: trailing dimensions aligned, each pair equal or one of them 1.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes cannot be broadcast; the message names both.</exception>
    public static Shape Broadcast(Shape a, Shape b, string operation)
    {
        if (a.Equals(b)) return a;
        int rank = Math.Max(a.Rank, b.Rank);
        Span<int> d = stackalloc int[MaxRank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a._dims[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b._dims[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1)
                throw new ShapeMismatchException(operation, a, b);
            d[i] = da == 1 ? db : da;
        }
        return new Shape(d[..rank]);
    }

    /// <inheritdoc />
    public bool Equals(Shape other)
    {
        if (Rank != other.Rank || Length != other.Length) return false;
        for (int i = 0; i < Rank; i++) if (_dims[i] != other._dims[i]) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        for (int i = 0; i < Rank; i++) h.Add(_dims[i]);
        return h.ToHashCode();
    }

    /// <summary>Equality of dimensions.</summary>
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);

    /// <summary>Inequality of dimensions.</summary>
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    /// <summary>The dimensions in brackets, e.g. <c>[2, 3]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < Rank; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(_dims[i]);
        }
        return sb.Append(']').ToString();
    }
}
