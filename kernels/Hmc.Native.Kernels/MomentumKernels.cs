using ILGPU;
using ILGPU.Algorithms;

namespace Hmc.Native.Kernels;

/// <summary>
/// The momentum p ~ N(0, M) of an HMC transition drawn on the device, for a diagonal mass M. Element i takes output
/// i + 1 of the SplitMix64 sequence started at the transition's seed (<see cref="CounterRandom"/>), so each thread
/// computes its own draw with no shared state. The 64 bits give two 24-bit uniforms u₁ ∈ (0, 1] and u₂ ∈ [0, 1), which the Box–Muller transform
/// (Box &amp; Muller 1958) turns into one standard normal z = √(−2 ln u₁)·cos(2π u₂); then p_i = z / √(M⁻¹_i).
/// </summary>
public static class MomentumKernels
{
    private const float TwoToMinus24 = 1f / 16777216f;
    private const float TwoPi = 6.28318530717958647692f;

    /// <summary>p[i] = z_i / √(M⁻¹[i]) with z_i the standard normal of counter i under <paramref name="seed"/>.</summary>
    public static void DrawGaussian(Index1D index, ArrayView<float> momentum, ArrayView<float> inverseMass, ulong seed)
    {
        ulong z = CounterRandom.Output(seed, index.X + 1);
        float u1 = ((int)(z >> 40) + 1) * TwoToMinus24;
        float u2 = (int)(z & 0xFFFFFFUL) * TwoToMinus24;
        float radius = XMath.Sqrt(-2f * XMath.Log(u1));
        momentum[index] = radius * XMath.Cos(TwoPi * u2) / XMath.Sqrt(inverseMass[index]);
    }
}
