namespace Hmc.Native.Kernels;

/// <summary>
/// An associative, commutative combination with an identity element, used by the tree reductions
/// (after ILGPU's <c>IScanReduceOperation&lt;T&gt;</c>). Implemented by empty structs.
/// </summary>
public interface IReduction
{
    /// <summary>The identity e with Combine(e, x) = x for every x.</summary>
    float Identity { get; }

    /// <summary>Combines two partial results.</summary>
    float Combine(float a, float b);
}
