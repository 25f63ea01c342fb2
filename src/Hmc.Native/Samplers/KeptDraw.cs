namespace Hmc.Native.Samplers;

/// <summary>Receives one kept draw of <see cref="IRunsSamplingPhase.RunSamplingPhase"/>.</summary>
/// <param name="info">The report of the transition that made the draw.</param>
/// <param name="logDensity">log π at the draw.</param>
/// <param name="position">The draw's position, a fresh array.</param>
public delegate void KeptDraw(in TransitionInfo info, double logDensity, double[] position);
