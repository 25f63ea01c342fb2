using System.Numerics;

namespace Hmc.Native.Diagnostics;

/// <summary>
/// An in-place iterative radix-2 Cooley–Tukey fast Fourier transform, enough for the autocovariances of
/// MCMC diagnostics. The forward transform is X_k = Σ_j x_j exp(−2πi jk/M) with no scaling.
/// </summary>
internal static class RadixTwoFft
{
    /// <summary>The smallest power of two that is at least <paramref name="n"/> (and at least 1).</summary>
    public static int NextPowerOfTwo(int n)
    {
        if (n > 1 << 30)
            throw new ArgumentOutOfRangeException(nameof(n), n, "The FFT length would exceed 2^30.");
        return n <= 1 ? 1 : (int)BitOperations.RoundUpToPowerOf2((uint)n);
    }

    /// <summary>Replaces <paramref name="data"/> (length a power of two) by its unscaled forward DFT.</summary>
    public static void Forward(Span<Complex> data)
    {
        int m = data.Length;
        if (m == 0 || !BitOperations.IsPow2(m))
            throw new ArgumentException($"The FFT length must be a power of two; got {m}.", nameof(data));
        // Bit-reversal permutation.
        for (int i = 1, j = 0; i < m; i++)
        {
            int bit = m >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (data[i], data[j]) = (data[j], data[i]);
        }
        // Butterflies over blocks of doubling length; twiddles computed directly for accuracy.
        for (int length = 2; length <= m; length <<= 1)
        {
            int half = length >> 1;
            double angle = -2.0 * Math.PI / length;
            for (int k = 0; k < half; k++)
            {
                var w = new Complex(Math.Cos(angle * k), Math.Sin(angle * k));
                for (int start = 0; start < m; start += length)
                {
                    var even = data[start + k];
                    var odd = data[start + k + half] * w;
                    data[start + k] = even + odd;
                    data[start + k + half] = even - odd;
                }
            }
        }
    }
}
