using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Hmc.Native.Tests.Diagnostics;

/// <summary>Seeded Gaussian chains for the statistical tests.</summary>
internal static class StochasticDraws
{
    /// <summary>
    /// <paramref name="chains"/> stationary AR(1) chains x_t = ρ x_{t−1} + √(1 − ρ²) ε_t with N(0, 1) marginals,
    /// whose integrated autocorrelation time is τ = (1 + ρ)/(1 − ρ); ρ = 0 gives iid N(0, 1) draws.
    /// </summary>
    public static double[][] Ar1(int chains, int draws, double rho, int seed)
    {
        var rng = new MersenneTwister(seed);
        double innovation = Math.Sqrt(1 - rho * rho);
        var result = new double[chains][];
        for (int c = 0; c < chains; c++)
        {
            result[c] = new double[draws];
            double x = Normal.Sample(rng, 0, 1);
            for (int i = 0; i < draws; i++)
            {
                x = rho * x + innovation * Normal.Sample(rng, 0, 1);
                result[c][i] = x;
            }
        }
        return result;
    }
}
