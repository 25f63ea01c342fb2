using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;

namespace Hmc.Native.Adaptation;

/// <summary>
/// The heuristic for a reasonable first step size (Hoffman &amp; Gelman 2014, Algorithm 4, as Stan's
/// <c>init_stepsize</c>): double or halve ε until the acceptance probability of one leapfrog step crosses 0.8.
/// Bounded to 100 iterations and to ε in [1e-10, 1e7] (DESIGN.md principle 6).
/// </summary>
public static class StepSizeSearch
{
    /// <summary>
    /// Returns a step size near the point where one leapfrog step from <paramref name="state"/> has acceptance 0.8;
    /// <paramref name="probes"/> is the number of steps tried (one gradient each).
    /// </summary>
    public static double Find(ILogDensity density, IEuclideanMetric metric, ChainState state, double stepSize, Rng rng, out int probes)
    {
        var z = new PhasePoint(density.Dimension);
        return Find(eps =>
        {
            state.Position.CopyTo(z.Position, 0);
            state.Gradient.CopyTo(z.Gradient, 0);
            z.LogDensity = state.LogDensity;
            metric.SampleMomentum(rng, z.Momentum);
            z.UpdateVelocity(metric);
            double h0 = z.Energy;
            return Leapfrog.Step(density, metric, z, eps) ? z.Energy - h0 : double.PositiveInfinity;
        }, stepSize, out probes);
    }

    /// <summary>The same search for a kernel that probes its own one-step energy error (a Riemannian one, say); <paramref name="probes"/> counts the steps tried.</summary>
    public static double Find(IProbesStepSize kernel, ChainState state, double stepSize, Rng rng, out int probes) =>
        Find(eps => kernel.OneStepEnergyError(rng, state, eps), stepSize, out probes);

    /// <summary>
    /// The doubling/halving loop over <paramref name="energyError"/>(ε) = H₁ − H₀ of one step with a fresh momentum:
    /// the direction is set by the first probe and the search stops when the acceptance crosses 0.8 (a NaN or +∞
    /// error counts as a rejection). <paramref name="probes"/> counts the calls of <paramref name="energyError"/>.
    /// </summary>
    private static double Find(Func<double, double> energyError, double stepSize, out int probes)
    {
        double eps = stepSize;
        int direction = 0;
        probes = 0;
        for (int iteration = 0; iteration < 100; iteration++)
        {
            probes++;
            double error = energyError(eps);
            double deltaH = double.IsNaN(error) ? double.NegativeInfinity : -error;
            int d = deltaH > Math.Log(0.8) ? 1 : -1;
            if (direction == 0) direction = d;
            else if (d != direction) break;
            double next = direction > 0 ? 2 * eps : 0.5 * eps;
            if (next is < 1e-10 or > 1e7) break;
            eps = next;
        }
        return eps;
    }
}
