namespace Hmc.Native.Autodiff;

/// <summary>A differentiation request that cannot be honoured: a non-scalar output, an unused input, tensors from different tapes.</summary>
public class AutodiffException : InvalidOperationException
{
    /// <summary>Creates the exception with its message.</summary>
    public AutodiffException(string message) : base(message) { }
}

/// <summary>The gradient was asked of an output that is not a scalar.</summary>
public sealed class NonScalarOutputException : AutodiffException
{
    /// <summary>Creates the exception naming the output's shape.</summary>
    public NonScalarOutputException(Tensors.Shape shape)
        : base($"A gradient needs a scalar output (one element); the output has shape {shape}. Sum it or take the Jacobian instead.") { }
}

/// <summary>A gradient was asked with respect to an input that the output does not depend on.</summary>
public sealed class InputNotUsedException : AutodiffException
{
    /// <summary>Creates the exception naming the input's position.</summary>
    public InputNotUsedException(int inputIndex)
        : base($"Input {inputIndex} does not take part in computing the output, so its gradient is undefined. Pass allowUnused: true to get zeros.") { }
}

/// <summary>An operation produced NaN or infinity while the tape was checking values (<see cref="Tape{T}.CheckFinite"/>).</summary>
public sealed class NonFiniteValueException : ArithmeticException
{
    /// <summary>Creates the exception naming the operation and the first bad element.</summary>
    public NonFiniteValueException(string operation, int index, double value)
        : base($"Operation '{operation}' produced {value} at element {index}.")
    {
        Operation = operation;
    }

    /// <summary>The operation that produced the value.</summary>
    public string Operation { get; }
}
