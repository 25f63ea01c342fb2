using Hmc.Native.Samplers;
using ILGPU;

namespace Hmc.Native.Kernels;

/// <summary>
/// The Metropolis step of HMC on the device (Neal 2011, "MCMC using Hamiltonian dynamics", §5.3.2): the proposal's
/// energies are turned into the library's one transition outcome (<see cref="TransitionOutcome"/>: invalid,
/// divergent, acceptance probability, accept or not) by a single thread, and the chain's position and gradient
/// become the proposal's where it was accepted, so no value has to reach the host for the chain to go on.
/// </summary>
public static class MetropolisKernels
{
    /// <summary>Index of t₀, the likelihood's sum, in the scalars buffer of <see cref="Decide"/>.</summary>
    public const int LikelihoodTerm = 0;

    /// <summary>Index of t₁, the prior's quadratic form.</summary>
    public const int PriorTerm = 1;

    /// <summary>Index of Σ M⁻¹ᵢ (p₁ᵢ − p₀ᵢ)(p₁ᵢ + p₀ᵢ) = 2ΔK.</summary>
    public const int KineticChangeTerm = 2;

    /// <summary>Index of K₀ = ½ p₀ᵀM⁻¹p₀.</summary>
    public const int InitialKineticTerm = 3;

    /// <summary>The length of the scalars buffer.</summary>
    public const int ScalarCount = 4;

    /// <summary>
    /// One thread: from log π(θ₁) = <paramref name="posterior"/>(t₀, t₁), ΔK = ½·scalars[<see cref="KineticChangeTerm"/>]
    /// and K₀ = scalars[<see cref="InitialKineticTerm"/>], the energy error ΔH = −(log π(θ₁) − log π(θ₀)) + ΔK decides
    /// the transition through <see cref="TransitionOutcome.FromEnergyError"/> and
    /// <see cref="TransitionOutcome.Accepts"/> with the uniform <paramref name="uniform"/>[0]; a non-finite log π(θ₁)
    /// or ΔK makes the proposal invalid. <paramref name="state"/>[0] then holds the decision, the energy
    /// H = −log π + K at the returned state, and log π(θ₁) when accepted.
    /// </summary>
    public static void Decide(Index1D index, ArrayView<float> scalars, ArrayView<double> uniform, ArrayView<MetropolisState> state, LogPosteriorTerms posterior)
    {
        var chain = state[0];
        double logDensity = posterior.LogDensity(scalars[LikelihoodTerm], scalars[PriorTerm]);
        double kineticChange = 0.5 * scalars[KineticChangeTerm];
        double initialEnergy = -chain.LogDensity + scalars[InitialKineticTerm];
        bool valid = double.IsFinite(logDensity) && double.IsFinite(kineticChange);
        var outcome = TransitionOutcome.FromEnergyError(-(logDensity - chain.LogDensity) + kineticChange, valid);
        bool accepted = outcome.Accepts(uniform[0]);
        chain.AcceptProbability = outcome.AcceptProbability;
        chain.Energy = accepted ? initialEnergy + outcome.EnergyError : initialEnergy;
        chain.Accepted = accepted ? 1 : 0;
        chain.Divergent = outcome.Divergent ? 1 : 0;
        chain.Invalid = outcome.Invalid ? 1 : 0;
        chain.UsedUniform = outcome.HasEnergy ? 1 : 0;
        if (outcome.Invalid) chain.InvalidProposals++;
        if (accepted) chain.LogDensity = logDensity;
        state[0] = chain;
    }

    /// <summary>θ[i] ← θ₁[i] and g[i] ← g₁[i] when the last decision accepted the proposal (θ₁, g₁); nothing otherwise.</summary>
    public static void AcceptProposal(
        Index1D index, ArrayView<MetropolisState> state, ArrayView<float> proposalPosition, ArrayView<float> proposalGradient,
        ArrayView<float> position, ArrayView<float> gradient)
    {
        if (state[0].Accepted == 0) return;
        position[index] = proposalPosition[index];
        gradient[index] = proposalGradient[index];
    }

    /// <summary>One thread: <paramref name="uniform"/>[0] = u ∈ [0, 1), the uniform of output <paramref name="counter"/> under <paramref name="seed"/> (<see cref="CounterRandom.Uniform"/>).</summary>
    public static void DrawUniform(Index1D index, ArrayView<double> uniform, ulong seed, long counter) =>
        uniform[0] = CounterRandom.Uniform(seed, counter);
}
