namespace Hmc.Native.Tensors;

/// <summary>The element type of a tensor.</summary>
public enum DType
{
    /// <summary>IEEE 754 binary32 (<see cref="float"/>).</summary>
    Float32,

    /// <summary>IEEE 754 binary64 (<see cref="double"/>).</summary>
    Float64,
}
