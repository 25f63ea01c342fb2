using System.Globalization;
using Hmc.Native.Cli.Targets;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;

namespace Hmc.Native.Compare;

/// <summary>
/// How often the implicit generalised leapfrog breaks down on Neal's funnel with the SoftAbs metric at a given ε:
/// trajectories of <see cref="Steps"/> steps from exact draws (v ~ N(0, 3²), x_i ~ N(0, e^{−v})) with p ~ N(0, G(θ)),
/// counting those in which a step's solve did not converge or met a non-finite value, and the mean one-step
/// acceptance min(1, e^{−ΔH}) of the steps that did converge, which is what step-size adaptation sees.
/// </summary>
internal static class FunnelImplicitSolves
{
    /// <summary>The steps of each trajectory (about a NUTS tree of depth 5).</summary>
    public const int Steps = 32;

    /// <summary>Writes one line for each step size in <paramref name="stepSizes"/>.</summary>
    public static void Run(IReadOnlyList<double> stepSizes, int trajectories, double alpha, TextWriter output)
    {
        foreach (double eps in stepSizes)
        {
            var hamiltonian = new RiemannianHamiltonian(FunnelTarget.LogDensity, FunnelTarget.Dimensions + 1, new SoftAbsMetric(alpha));
            var integrator = new GeneralizedLeapfrog(hamiltonian, 1e-5, 1000);
            var rng = new Rng(1);
            int broken = 0, unconverged = 0, steps = 0;
            double acceptance = 0, worst = 0;
            var theta = new double[hamiltonian.Dimension];
            var momentum = new double[hamiltonian.Dimension];
            for (int t = 0; t < trajectories; t++)
            {
                theta[0] = FunnelTarget.VStandardDeviation * rng.NextGaussian();
                for (int i = 1; i < theta.Length; i++) theta[i] = Math.Exp(-theta[0] / 2) * rng.NextGaussian();
                if (!hamiltonian.StartTransition(theta, 0, 0, rng, momentum) || !hamiltonian.SetPosition(theta)) continue;
                double h0 = hamiltonian.Energy(momentum);
                for (int s = 0; s < Steps; s++)
                {
                    var statistics = default(FixedPointStatistics);
                    if (!integrator.Step(theta, momentum, eps, ref statistics) || !hamiltonian.SetPosition(theta))
                    {
                        broken++;
                        if (statistics.Failed) unconverged++;
                        break;
                    }
                    double error = hamiltonian.Energy(momentum) - h0;
                    acceptance += Math.Min(1, Math.Exp(-error));
                    worst = Math.Max(worst, Math.Abs(error));
                    steps++;
                }
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"eps {eps}: {broken} of {trajectories} trajectories broke down ({unconverged} with an unconverged solve), mean one-step acceptance {acceptance / steps:F3}, max |dH| {worst:G3}"));
        }
    }
}
