using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>One parameter of a model as listed by <see cref="Module{T}.Parameters"/>.</summary>
/// <param name="Name">The hierarchical name, e.g. <c>0.weight</c> or <c>features.conv1.bias</c> (PyTorch's <c>named_parameters</c>).</param>
/// <param name="Shape">The shape; the values lie row-major in the flat vector.</param>
/// <param name="Offset">The index of the first element in the flat parameter vector.</param>
/// <param name="Init">The initialiser <see cref="Module{T}.InitialParameters"/> draws it from.</param>
public sealed record ModuleParameter(string Name, Shape Shape, int Offset, ParameterInit Init)
{
    /// <summary>The number of elements.</summary>
    public int Length => Shape.Length;
}
