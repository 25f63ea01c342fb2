namespace Hmc.Native.Cli.Figures;

/// <summary>
/// The data of the MNIST accuracy figure: for each posterior sample s = 1..S, the validation accuracy of the network
/// with that sample's weights, and the accuracy of the posterior-predictive mean over samples 1..s (drawn by
/// <see cref="AccuracyFigure"/>).
/// </summary>
/// <param name="SampleIndex">1, 2, …, S.</param>
/// <param name="PerSample">The validation accuracy of each sample.</param>
/// <param name="RunningPosteriorMean">The validation accuracy of the running posterior-predictive mean.</param>
public sealed record AccuracySeriesData(double[] SampleIndex, double[] PerSample, double[] RunningPosteriorMean)
{
    /// <summary>Pairs the two series with the sample numbers 1..S.</summary>
    /// <exception cref="ArgumentException">The series are empty or differ in length.</exception>
    public static AccuracySeriesData Create(IReadOnlyList<double> perSample, IReadOnlyList<double> runningPosteriorMean)
    {
        ArgumentNullException.ThrowIfNull(perSample);
        ArgumentNullException.ThrowIfNull(runningPosteriorMean);
        if (perSample.Count == 0) throw new ArgumentException("The accuracy series are empty.", nameof(perSample));
        if (perSample.Count != runningPosteriorMean.Count)
            throw new ArgumentException(
                $"The per-sample series has {perSample.Count} values; the running posterior-mean series has {runningPosteriorMean.Count}.",
                nameof(runningPosteriorMean));
        var index = new double[perSample.Count];
        for (int i = 0; i < index.Length; i++) index[i] = i + 1;
        return new AccuracySeriesData(index, [.. perSample], [.. runningPosteriorMean]);
    }
}
