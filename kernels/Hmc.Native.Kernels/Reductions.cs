using ILGPU.Algorithms;

namespace Hmc.Native.Kernels;

/// <summary>Addition with identity 0. A NaN term makes the sum NaN; +∞ and −∞ together give NaN.</summary>
public readonly struct SumReduction : IReduction
{
    /// <inheritdoc/>
    public float Identity => 0f;

    /// <inheritdoc/>
    public float Combine(float a, float b) => a + b;
}

/// <summary>Maximum with identity −∞. NaN propagates: the maximum of a set containing NaN is NaN.</summary>
public readonly struct MaxReduction : IReduction
{
    /// <inheritdoc/>
    public float Identity => float.NegativeInfinity;

    /// <inheritdoc/>
    public float Combine(float a, float b) => a > b || XMath.IsNaN(a) ? a : b;
}
