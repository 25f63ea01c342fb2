using Hmc.Native.Metrics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Integrators;

/// <summary>
/// The leapfrog's vectors in host memory: <paramref name="point"/>'s position, momentum, velocity M⁻¹p (kept current
/// after every kick) and gradient, with log π and its gradient from <paramref name="density"/>.
/// </summary>
/// <param name="density">The target.</param>
/// <param name="metric">M⁻¹.</param>
/// <param name="point">The phase point, updated in place.</param>
public readonly struct HostLeapfrogStorage(ILogDensity density, IEuclideanMetric metric, PhasePoint point) : ILeapfrogStorage
{
    /// <inheritdoc />
    public void Kick(double scale)
    {
        TensorPrimitives.MultiplyAdd<double>(point.Gradient, scale, point.Momentum, point.Momentum);
        metric.Velocity(point.Momentum, point.Velocity);
    }

    /// <inheritdoc />
    public void KickDrift(double kickScale, double stepSize)
    {
        Kick(kickScale);
        TensorPrimitives.MultiplyAdd<double>(point.Velocity, stepSize, point.Position, point.Position);
    }

    /// <inheritdoc />
    /// <exception cref="LogDensityException">The log-density threw.</exception>
    public bool UpdateGradient() => Leapfrog.Evaluate(density, point);
}
