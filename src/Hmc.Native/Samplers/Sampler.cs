namespace Hmc.Native.Samplers;

/// <summary>The sampler, as hamiltorch's <c>Sampler</c> enum.</summary>
public enum Sampler
{
    /// <summary>HMC with a fixed number of leapfrog steps (hamiltorch <c>Sampler.HMC</c>).</summary>
    Hmc,

    /// <summary>The No-U-Turn sampler with multinomial sampling and the generalised U-turn criterion (a real NUTS; hamiltorch's <c>HMC_NUTS</c> only adapts the step size).</summary>
    Nuts,

    /// <summary>Riemannian-manifold HMC (hamiltorch <c>Sampler.RMHMC</c>) with the metric and integrator of the options.</summary>
    Rmhmc,

    /// <summary>The No-U-Turn sampler on a Riemannian metric (Betancourt 2013), with the implicit integrator.</summary>
    RmNuts,
}
