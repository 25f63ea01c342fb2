using System.Buffers;
using System.Numerics;

namespace Hmc.Native.Diagnostics;

/// <summary>
/// Autocovariance of a series at every lag, computed by FFT as R's <c>posterior</c> package does
/// (internal <c>autocovariance()</c>; Geyer 1992 "biased" estimator).
/// </summary>
public static class Autocovariance
{
    /// <summary>
    /// Returns γ̂_t = (1/N) Σ_{i=0}^{N−1−t} (x_i − x̄)(x_{i+t} − x̄) for t = 0 … N−1 (the lag-t sum divided by N,
    /// not by N − t, as Geyer 1992 recommends).
    /// </summary>
    /// <remarks>
    /// Computed as posterior does, up to the padding length: the centred series is zero-padded to M ≥ 2N (a
    /// power of two here, 2·nextn(N) in posterior; any M ≥ 2N gives the same linear autocorrelation), the
    /// circular autocorrelation is the inverse FFT of |FFT|², and the result is scaled so that
    /// γ̂_0 = var(x)·(N−1)/N exactly. A series with zero sample variance (constant, or a single value)
    /// gives all zeros, as in posterior. A NaN or infinite value makes every lag NaN.
    /// </remarks>
    /// <param name="series">The series x_0 … x_{N−1}.</param>
    /// <param name="result">Receives γ̂_0 … γ̂_{N−1}; its length must be N.</param>
    /// <exception cref="ArgumentException"><paramref name="result"/> has the wrong length or the series is empty.</exception>
    public static void Compute(ReadOnlySpan<double> series, Span<double> result)
    {
        int n = series.Length;
        if (n == 0)
            throw new ArgumentException("The series is empty.", nameof(series));
        if (result.Length != n)
            throw new ArgumentException($"The result must have the length of the series ({n}); got {result.Length}.", nameof(result));

        double mean = SampleMoments.Mean(series);
        double sumOfSquares = 0;
        for (int i = 0; i < n; i++)
        {
            double d = series[i] - mean;
            sumOfSquares += d * d;
        }
        if (!double.IsFinite(sumOfSquares))
        {
            result.Fill(double.NaN);
            return;
        }
        if (sumOfSquares == 0)
        {
            result.Clear();
            return;
        }

        int m = RadixTwoFft.NextPowerOfTwo(2 * n);
        var buffer = ArrayPool<Complex>.Shared.Rent(m);
        try
        {
            var data = buffer.AsSpan(0, m);
            for (int i = 0; i < n; i++) data[i] = new Complex(series[i] - mean, 0);
            data[n..].Clear();
            RadixTwoFft.Forward(data);
            // |X_k|^2 is real and even, so its forward transform equals M times its inverse transform.
            for (int k = 0; k < m; k++)
            {
                double power = data[k].Real * data[k].Real + data[k].Imaginary * data[k].Imaginary;
                data[k] = new Complex(power, 0);
            }
            RadixTwoFft.Forward(data);
            // posterior: ac <- ac / ac[1] * var(x) * (N - 1) / N, with var(x) * (N - 1) = Σ (x - x̄)².
            double scale = sumOfSquares / n / data[0].Real;
            for (int t = 0; t < n; t++) result[t] = data[t].Real * scale;
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(buffer);
        }
    }

    /// <summary>Returns the autocovariances γ̂_0 … γ̂_{N−1}; see <see cref="Compute(ReadOnlySpan{double}, Span{double})"/>.</summary>
    public static double[] Compute(ReadOnlySpan<double> series)
    {
        var result = new double[series.Length];
        Compute(series, result);
        return result;
    }
}
