using Hmc.Native.Metrics;

namespace Hmc.Native.Samplers;

/// <summary>Receives one chain's kept draws as they come (a CSV file, a database, a live plot).</summary>
public interface IDrawSink : IDisposable
{
    /// <summary>Called once when warm-up ends, with the adapted step size and the Euclidean metric M⁻¹ the draws use
    /// (null for a Riemannian kernel, whose metric varies with θ).</summary>
    void WriteAdaptation(double stepSize, IEuclideanMetric? metric);

    /// <summary>Called for every kept draw.</summary>
    void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position);

    /// <summary>
    /// Called once when the chain stops, after its last draw, whether it ran to the end or was cancelled (then during
    /// warm-up the sampling time is zero), with the time spent in warm-up and in sampling. Does nothing unless the sink
    /// implements it.
    /// </summary>
    void WriteElapsedTime(TimeSpan warmUp, TimeSpan sampling)
    {
    }
}
