using Hmc.Native.Metrics;

namespace Hmc.Native.Adaptation;

/// <summary>
/// An estimate of M⁻¹ from draws and their gradients over nutpie's two overlapping windows: every draw goes into the
/// current window and into the next one; at a switch the next window becomes the current one and a fresh next window
/// starts, so the estimate always rests on the draws since the switch before last (nuts-rs
/// <c>mass_matrix_adapt.rs</c>, github.com/pymc-devs/nuts-rs).
/// </summary>
public interface IMetricEstimator
{
    /// <summary>The draws in the current window.</summary>
    int Count { get; }

    /// <summary>The draws in the next window (those since the last switch).</summary>
    int NextCount { get; }

    /// <summary>
    /// Starts both windows with the initial point and returns the metric to start from: the scheme's form of
    /// <paramref name="given"/>'s diagonal when a starting M⁻¹ was given, else nutpie's guess from the gradient,
    /// M⁻¹ᵢᵢ = 1/|∂ᵢ log π|.
    /// </summary>
    IEuclideanMetric Start(ReadOnlySpan<double> position, ReadOnlySpan<double> gradient, IEuclideanMetric? given);

    /// <summary>Adds a draw and the gradient of log π there to both windows.</summary>
    void Add(ReadOnlySpan<double> position, ReadOnlySpan<double> gradient);

    /// <summary>Makes the next window the current one and starts an empty next window.</summary>
    void Switch();

    /// <summary>The estimate from the current window, or null while it holds fewer than three draws or gives no finite estimate.</summary>
    IEuclideanMetric? Estimate();
}
