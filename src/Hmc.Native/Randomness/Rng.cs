using System.Runtime.CompilerServices;

using System.Numerics;

namespace Hmc.Native.Randomness;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018, "Scrambled linear pseudorandom number generators"): a fast 256-bit
/// generator. Each chain owns one (DESIGN.md principle 7); <see cref="ForStream"/> derives independent streams from
/// one seed with SplitMix64, so the same seed gives the same draws whatever the thread scheduling.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>A generator seeded from <paramref name="seed"/> through SplitMix64.</summary>
    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The generator of stream <paramref name="stream"/> (a chain index) for a run seeded with <paramref name="seed"/>.</summary>
    public static Rng ForStream(ulong seed, int stream)
    {
        ulong x = seed ^ 0x9E3779B97F4A7C15UL * (ulong)(stream + 1);
        return new Rng(SplitMix64(ref x) ^ (ulong)stream);
    }

    /// <summary>
    /// A generator in the same state as this one, which then goes its own way: it gives the draws this generator
    /// would give next, without consuming them here (to look ahead at a draw that may not be taken).
    /// </summary>
    public Rng Clone() => (Rng)MemberwiseClone();

    /// <summary>64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1): never 0, so its logarithm is finite.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 12) + 0.5) * (1.0 / (1UL << 52));

    /// <summary>A standard normal draw (Marsaglia's polar method; the second value of each pair is kept).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * m;
        _hasSpare = true;
        return u * m;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal draws.</summary>
    public void FillGaussian(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = NextGaussian();
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)((NextUInt64() >> 33) % (ulong)maxExclusive);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
