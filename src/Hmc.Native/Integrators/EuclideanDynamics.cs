using Hmc.Native.Metrics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Integrators;

/// <summary>Leapfrog dynamics of a Euclidean metric, read at each step so warm-up adaptation can replace it.</summary>
public sealed class EuclideanDynamics(ILogDensity density, Func<IEuclideanMetric> metric) : IHamiltonianDynamics
{
    /// <inheritdoc />
    public FixedPointStatistics Statistics => default;

    /// <inheritdoc />
    public bool Step(PhasePoint z, double stepSize) => Leapfrog.Step(density, metric(), z, stepSize);

    /// <inheritdoc />
    public void ResetStatistics()
    {
    }
}
