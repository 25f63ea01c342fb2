using ILGPU.Algorithms;

namespace Hmc.Native.Kernels;

/// <summary>a + b.</summary>
public readonly struct AddOperation : IBinaryOperation
{
    /// <inheritdoc/>
    public float Apply(float a, float b) => a + b;
}

/// <summary>a − b.</summary>
public readonly struct SubtractOperation : IBinaryOperation
{
    /// <inheritdoc/>
    public float Apply(float a, float b) => a - b;
}

/// <summary>a · b.</summary>
public readonly struct MultiplyOperation : IBinaryOperation
{
    /// <inheritdoc/>
    public float Apply(float a, float b) => a * b;
}

/// <summary>a / b with IEEE semantics: x/0 = ±∞, 0/0 = NaN.</summary>
public readonly struct DivideOperation : IBinaryOperation
{
    /// <inheritdoc/>
    public float Apply(float a, float b) => a / b;
}

/// <summary>max(a, b), NaN if either is NaN.</summary>
public readonly struct MaximumOperation : IBinaryOperation
{
    /// <inheritdoc/>
    public float Apply(float a, float b) => a > b || XMath.IsNaN(a) ? a : b;
}

/// <summary>
/// Backward rule of ReLU: given a = x (the ReLU input) and b = ∂L/∂y, returns ∂L/∂x = b·[x &gt; 0].
/// The subgradient at x = 0 is taken as 0, as in PyTorch; NaN in b propagates where x &gt; 0.
/// </summary>
public readonly struct ReluGradientOperation : IBinaryOperation
{
    /// <inheritdoc/>
    public float Apply(float a, float b) => a > 0f ? b : 0f;
}

/// <summary>Backward rule of tanh: given a = y = tanh x and b = ∂L/∂y, returns ∂L/∂x = b·(1 − y²).</summary>
public readonly struct TanhGradientOperation : IBinaryOperation
{
    /// <inheritdoc/>
    public float Apply(float a, float b) => b * (1f - a * a);
}

/// <summary>
/// One term of the kinetic energy of a diagonal Gaussian momentum: given a = pᵢ and b = (M⁻¹)ᵢᵢ returns
/// ½·(M⁻¹)ᵢᵢ·pᵢ², so that summing over i gives K(p) = ½ pᵀM⁻¹p (Neal 2011, "MCMC using Hamiltonian
/// dynamics", eq. 5.5).
/// </summary>
public readonly struct KineticEnergyTermOperation : IBinaryOperation
{
    /// <inheritdoc/>
    public float Apply(float a, float b) => 0.5f * b * a * a;
}
