using Hmc.Native.Randomness;

namespace Hmc.Native.Samplers;

/// <summary>
/// A kernel whose one-step energy error can be probed, so warm-up can run the initial step-size search
/// (<see cref="Adaptation.StepSizeSearch"/>) for it without knowing its metric or integrator.
/// </summary>
public interface IProbesStepSize : IHasStepSize
{
    /// <summary>
    /// Draws a momentum at <paramref name="state"/>, takes one integrator step of size <paramref name="stepSize"/> and
    /// returns the energy error H₁ − H₀; +∞ when the step or the start is invalid or its solve did not converge.
    /// The chain's state and the kernel's statistics are left as they were.
    /// </summary>
    double OneStepEnergyError(Rng rng, ChainState state, double stepSize);
}
