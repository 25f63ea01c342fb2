namespace Hmc.Native.Integrators;

/// <summary>The integrator, as hamiltorch's <c>Integrator</c> enum.</summary>
public enum Integrator
{
    /// <summary>The generalised leapfrog with fixed-point solves (Girolami &amp; Calderhead 2011); the leapfrog for Euclidean samplers.</summary>
    Implicit,

    /// <summary>Cobb et al. 2019's explicit symplectic integrator in an augmented phase space (Tao 2016).</summary>
    Explicit,

    /// <summary>hamiltorch's explicit variant, which applies the binding rotation's four lines one after another with already updated values.</summary>
    ExplicitSequential,

    /// <summary>Leapfrog with the gradient accumulated over data splits (Bayesian networks).</summary>
    Splitting,

    /// <summary>Splitting with the data splits visited in a random order at each step.</summary>
    SplittingRandom,

    /// <summary>Splitting with the kinetic step in the middle of the splits (hamiltorch's <c>SPLITTING_KMID</c>).</summary>
    SplittingKMid,
}
