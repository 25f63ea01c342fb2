namespace Hmc.Native.Tensors;

/// <summary>Two tensors whose shapes do not fit the operation; the message names the operation and both shapes.</summary>
public sealed class ShapeMismatchException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="operation"/> applied to shapes <paramref name="left"/> and <paramref name="right"/>.</summary>
    public ShapeMismatchException(string operation, Shape left, Shape right, string? detail = null)
        : base($"{operation}: shapes {left} and {right} do not match{(detail is null ? "." : ": " + detail)}")
    {
        Left = left;
        Right = right;
    }

    /// <summary>The first shape.</summary>
    public Shape Left { get; }

    /// <summary>The second shape.</summary>
    public Shape Right { get; }
}
