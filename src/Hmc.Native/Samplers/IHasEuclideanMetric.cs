using Hmc.Native.Metrics;

namespace Hmc.Native.Samplers;

/// <summary>
/// A kernel on a constant (Euclidean) metric, which warm-up may replace by an estimate of the posterior covariance
/// and use, with <see cref="Density"/>, in its step-size search.
/// </summary>
public interface IHasEuclideanMetric : IHasStepSize
{
    /// <summary>The target.</summary>
    ILogDensity Density { get; }

    /// <summary>The inverse mass matrix M⁻¹ (replaced by mass-matrix adaptation).</summary>
    IEuclideanMetric Metric { get; set; }
}
