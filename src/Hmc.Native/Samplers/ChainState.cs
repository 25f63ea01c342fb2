namespace Hmc.Native.Samplers;

/// <summary>
/// The state a sampler carries between transitions (DESIGN.md principle 4): the position, its log-density and its
/// gradient, so a trajectory never re-evaluates the starting point. Treated as immutable: a transition returns a
/// new state or the same one.
/// </summary>
/// <param name="Position">θ.</param>
/// <param name="LogDensity">log π(θ).</param>
/// <param name="Gradient">∇log π(θ).</param>
public sealed record ChainState(double[] Position, double LogDensity, double[] Gradient);
