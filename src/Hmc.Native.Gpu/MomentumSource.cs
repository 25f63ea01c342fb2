namespace Hmc.Native.Gpu;

/// <summary>Where HMC on a device draws each transition's momentum p ~ N(0, M).</summary>
public enum MomentumSource
{
    /// <summary>
    /// On the host, by the metric, from the chain's random stream, then uploaded: a seed gives the same momenta, and
    /// so the same chain up to float rounding, as sampling on the CPU.
    /// </summary>
    Host,

    /// <summary>
    /// On the device (<see cref="GpuMomentum"/>), from one 64-bit seed taken from the chain's stream per transition:
    /// no host draw and no upload, which on a network of many weights is most of a transition's host time. A seed
    /// gives the same chain on every run on the same device.
    /// </summary>
    Device,
}
