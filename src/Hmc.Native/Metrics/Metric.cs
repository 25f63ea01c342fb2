namespace Hmc.Native.Metrics;

/// <summary>The Riemannian metric G(θ) of RMHMC, as hamiltorch's <c>Metric</c> enum.</summary>
public enum Metric
{
    /// <summary>G = −∇²log π(θ), plus diagonal jitter when asked.</summary>
    Hessian,

    /// <summary>Betancourt 2013's SoftAbs: the Hessian's eigenvalues mapped by λ·coth(αλ).</summary>
    SoftAbs,

    /// <summary>G = diag(g ⊙ g) of the gradient g (hamiltorch's <c>JACOBIAN_DIAG</c>).</summary>
    FisherDiagonal,
}
