namespace Hmc.Native.Kernels;

/// <summary>
/// The counter-based generator of the device kernels: output n of the SplitMix64 sequence started at a seed
/// (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number generators"), the state after n increments
/// of the golden-ratio constant passed through the generator's mixing function. Each thread computes its own draw
/// from (seed, n) with no shared state.
/// </summary>
public static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Output <paramref name="counter"/> (from 1) of the SplitMix64 sequence started at <paramref name="seed"/>.</summary>
    public static ulong Output(ulong seed, long counter)
    {
        ulong z = seed + ((ulong)counter * Golden);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits of output <paramref name="counter"/> (as <c>Rng.NextDouble</c> takes them).</summary>
    public static double Uniform(ulong seed, long counter) => (Output(seed, counter) >> 11) * (1.0 / (1UL << 53));
}
