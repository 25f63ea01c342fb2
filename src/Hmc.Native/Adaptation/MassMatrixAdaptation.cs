namespace Hmc.Native.Adaptation;

/// <summary>Which mass matrix the warm-up estimates from the draws of its slow windows.</summary>
public enum MassMatrixAdaptation
{
    /// <summary>Keep the mass matrix given (or the identity).</summary>
    None,

    /// <summary>Estimate a diagonal M⁻¹ (the marginal variances), as Stan's <c>diag_e</c>.</summary>
    Diagonal,

    /// <summary>Estimate a dense M⁻¹ (the covariance), as Stan's <c>dense_e</c>.</summary>
    Dense,
}
