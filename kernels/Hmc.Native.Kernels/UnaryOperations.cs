using ILGPU.Algorithms;

namespace Hmc.Native.Kernels;

/// <summary>eˣ. Overflows to +∞ above ln(float.MaxValue) ≈ 88.72; NaN gives NaN.</summary>
public readonly struct ExpOperation : IUnaryOperation
{
    /// <inheritdoc/>
    public float Apply(float x) => XMath.Exp(x);
}

/// <summary>ln x. ln 0 = −∞; negative x and NaN give NaN.</summary>
public readonly struct LogOperation : IUnaryOperation
{
    /// <inheritdoc/>
    public float Apply(float x) => XMath.Log(x);
}

/// <summary>
/// tanh x by the method of Cephes <c>tanhf</c> (S. L. Moshier): for |x| ≤ 0.625 the odd polynomial
/// x + x³·P(x²), otherwise sign(x)·(1 − 2/(e^(2|x|) + 1)). Written out rather than calling XMath.Tanh because the
/// CUDA backend maps that to the <c>tanh.approx.f32</c> instruction, whose relative error is about 2⁻¹¹; this form
/// keeps float accuracy (a few ulp) on every backend. Saturates to ±1; NaN gives NaN.
/// </summary>
public readonly struct TanhOperation : IUnaryOperation
{
    /// <inheritdoc/>
    public float Apply(float x)
    {
        float magnitude = XMath.Abs(x);
        if (magnitude > 0.625f)
        {
            float tail = 1f - (2f / (XMath.Exp(magnitude + magnitude) + 1f));
            return x < 0f ? -tail : tail;
        }

        float z = x * x;
        float polynomial = ((((((-5.70498872745e-3f * z) + 2.06390887954e-2f) * z) - 5.37397155531e-2f) * z) + 1.33314422036e-1f) * z;
        return (((polynomial - 3.33332819422e-1f) * z) * x) + x;
    }
}

/// <summary>Rectified linear unit max(x, 0). NaN propagates (NaN &lt; 0 is false, so NaN is returned), as in PyTorch.</summary>
public readonly struct ReluOperation : IUnaryOperation
{
    /// <inheritdoc/>
    public float Apply(float x) => x < 0f ? 0f : x;
}

/// <summary>
/// Logistic sigmoid σ(x) = 1 / (1 + e⁻ˣ), evaluated as e^x / (1 + e^x) for x &lt; 0 so that neither branch
/// overflows; σ(±∞) = 1 or 0; NaN gives NaN.
/// </summary>
public readonly struct SigmoidOperation : IUnaryOperation
{
    /// <inheritdoc/>
    public float Apply(float x)
    {
        if (x >= 0f) return 1f / (1f + XMath.Exp(-x));
        float e = XMath.Exp(x);
        return e / (1f + e);
    }
}

/// <summary>
/// Softplus ln(1 + eˣ) = max(x, 0) + ln(1 + e^(−|x|)), the stable form that does not overflow for large x;
/// NaN gives NaN.
/// </summary>
public readonly struct SoftplusOperation : IUnaryOperation
{
    /// <inheritdoc/>
    public float Apply(float x) => (x > 0f ? x : 0f) + XMath.Log(1f + XMath.Exp(-XMath.Abs(x)));
}

/// <summary>−x.</summary>
public readonly struct NegateOperation : IUnaryOperation
{
    /// <inheritdoc/>
    public float Apply(float x) => -x;
}

/// <summary>x². Overflows to +∞ for |x| above about 1.8e19.</summary>
public readonly struct SquareOperation : IUnaryOperation
{
    /// <inheritdoc/>
    public float Apply(float x) => x * x;
}

/// <summary>√x; negative x and NaN give NaN.</summary>
public readonly struct SqrtOperation : IUnaryOperation
{
    /// <inheritdoc/>
    public float Apply(float x) => XMath.Sqrt(x);
}

/// <summary>|x|.</summary>
public readonly struct AbsOperation : IUnaryOperation
{
    /// <inheritdoc/>
    public float Apply(float x) => XMath.Abs(x);
}
