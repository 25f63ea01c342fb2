using Hmc.Native.Cli.Figures;

namespace Hmc.Native.Tests.Figures;

/// <summary>Deterministic draws for the figure tests.</summary>
internal static class FigureSamples
{
    /// <summary><paramref name="count"/> draws of <paramref name="dimension"/> independent N(mean_i, scale²) values from a fixed seed.</summary>
    public static LabelledDraws Normal(string label, int count, int dimension, int seed, double scale = 1)
    {
        var rng = new Random(seed);
        var draws = new double[count][];
        for (int d = 0; d < count; d++)
        {
            draws[d] = new double[dimension];
            for (int i = 0; i < dimension; i++)
                draws[d][i] = (i + 1) + scale * MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1);
        }
        return new LabelledDraws(label, draws);
    }
}
