namespace Hmc.Native.Cli.Figures;

/// <summary>
/// A regression's posterior predictive: the data points, and on a grid the predictive mean with a ±2σ band, where
/// σ² is the variance of the network outputs over the samples plus the noise variance 1/τ_out.
/// </summary>
public sealed record RegressionBandData(double[] DataX, double[] DataY, double[] GridX, double[] Mean, double[] Lower, double[] Upper)
{
    /// <summary>Summarises sample outputs [samples, grid] (row-major) over <paramref name="gridX"/>.</summary>
    public static RegressionBandData Create(double[] dataX, double[] dataY, double[] gridX, ReadOnlySpan<float> outputs, int samples, double tauOut)
    {
        int g = gridX.Length;
        if (outputs.Length != samples * g) throw new ArgumentException($"Expected {samples}×{g} outputs; got {outputs.Length}.", nameof(outputs));
        var mean = new double[g];
        var lower = new double[g];
        var upper = new double[g];
        for (int j = 0; j < g; j++)
        {
            double sum = 0, sumSquares = 0;
            for (int s = 0; s < samples; s++)
            {
                double v = outputs[s * g + j];
                sum += v;
                sumSquares += v * v;
            }
            double m = sum / samples;
            double variance = Math.Max(0, sumSquares / samples - m * m) + 1 / tauOut;
            mean[j] = m;
            lower[j] = m - 2 * Math.Sqrt(variance);
            upper[j] = m + 2 * Math.Sqrt(variance);
        }
        return new RegressionBandData(dataX, dataY, gridX, mean, lower, upper);
    }
}
