using System.Numerics;

namespace Hmc.Native.Tensors;

/// <summary>Creates constant tensors (off any tape). Variables to differentiate are created by <see cref="Autodiff.Tape{T}.Variable(ReadOnlySpan{T}, Shape)"/>.</summary>
public static class Tensor
{
    /// <summary>A rank-0 constant.</summary>
    public static Tensor<T> Scalar<T>(T value) where T : unmanaged, IFloatingPointIeee754<T> =>
        new([value], Shape.Scalar);

    /// <summary>A rank-1 constant holding a copy of <paramref name="values"/>.</summary>
    public static Tensor<T> FromVector<T>(params ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(values.ToArray(), Shape.Vector(values.Length));

    /// <summary>A constant of the given shape holding a copy of <paramref name="values"/>.</summary>
    public static Tensor<T> FromSpan<T>(ReadOnlySpan<T> values, Shape shape) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(values.ToArray(), shape);

    /// <summary>A rank-2 constant from a rectangular array.</summary>
    public static Tensor<T> FromMatrix<T>(T[,] matrix) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int r = matrix.GetLength(0), c = matrix.GetLength(1);
        var data = new T[r * c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
                data[i * c + j] = matrix[i, j];
        return new(data, Shape.Matrix(r, c));
    }

    /// <summary>A constant of zeros.</summary>
    public static Tensor<T> Zeros<T>(Shape shape) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(new T[shape.Length], shape);

    /// <summary>A constant filled with <paramref name="value"/>.</summary>
    public static Tensor<T> Full<T>(Shape shape, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new T[shape.Length];
        data.AsSpan().Fill(value);
        return new(data, shape);
    }

    /// <summary>A constant of ones.</summary>
    public static Tensor<T> Ones<T>(Shape shape) where T : unmanaged, IFloatingPointIeee754<T> => Full(shape, T.One);

    /// <summary>The n-by-n identity matrix as a constant.</summary>
    public static Tensor<T> Identity<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new T[n * n];
        for (int i = 0; i < n; i++) data[i * n + i] = T.One;
        return new(data, Shape.Matrix(n, n));
    }
}
