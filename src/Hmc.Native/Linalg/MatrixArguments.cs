using Hmc.Native.Tensors;

namespace Hmc.Native.Linalg;

/// <summary>Shape checks shared by the linear-algebra operations, with messages that name the operation and the shapes.</summary>
internal static class MatrixArguments
{
    /// <summary>The order n of a square n×n matrix.</summary>
    /// <exception cref="ArgumentException">The shape is not [n, n].</exception>
    public static int SquareOrder(Shape shape, string operation, string parameter)
    {
        if (shape.Rank != 2 || shape[0] != shape[1])
            throw new ArgumentException($"{operation}: '{parameter}' must be a square matrix; its shape is {shape}.", parameter);
        return shape[0];
    }

    /// <summary>The number of columns r of a right-hand side that is a vector of length n (r = 1) or an n×r matrix.</summary>
    /// <exception cref="ShapeMismatchException">The right-hand side does not have n rows; the message names both shapes.</exception>
    public static int RightHandSideColumns(Shape matrix, Shape rightHandSide, string operation)
    {
        int n = matrix[0];
        if ((rightHandSide.Rank == 1 || rightHandSide.Rank == 2) && rightHandSide[0] == n)
            return rightHandSide.Rank == 1 ? 1 : rightHandSide[1];
        throw new ShapeMismatchException(operation, matrix, rightHandSide, $"the right-hand side must be a vector of length {n} or a matrix with {n} rows");
    }
}
