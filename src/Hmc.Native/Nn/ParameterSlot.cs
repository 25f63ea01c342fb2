using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// Where one of a module's own parameters lives: its offset from the start of the module's block of the flat
/// parameter vector, and its shape. Returned by <see cref="Module{T}.RegisterParameter"/>.
/// </summary>
/// <param name="Offset">Elements from the start of the module's block.</param>
/// <param name="Shape">The parameter's shape (row-major in the flat vector).</param>
public readonly record struct ParameterSlot(int Offset, Shape Shape);
