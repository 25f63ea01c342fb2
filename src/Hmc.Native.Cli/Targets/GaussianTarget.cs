using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.Targets;

/// <summary>The seed's 3-D Gaussian: independent N(μ_i, 0.5²) with μ = (1, 2, 3), started at the origin.</summary>
public static class GaussianTarget
{
    /// <summary>The means.</summary>
    public static readonly double[] Mean = [1, 2, 3];

    /// <summary>The standard deviation of every coordinate.</summary>
    public const double StandardDeviation = 0.5;

    private static readonly Tensor<double> MeanTensor = Tensor.FromVector(Mean);

    /// <summary>log π(θ) = −½ Σ ((θ_i − μ_i)/σ)² − 3 log σ − (3/2) log 2π.</summary>
    public static Tensor<double> LogDensity(Tensor<double> theta)
    {
        var z = (theta - MeanTensor) / StandardDeviation;
        return -0.5 * (z * z).Sum() - 3 * (Math.Log(StandardDeviation) + 0.5 * Math.Log(2 * Math.PI));
    }

    /// <summary>The target.</summary>
    public static Target Create() =>
        new("gaussian", new TensorLogDensity(LogDensity, 3), LogDensity, [0, 0, 0], ["theta.1", "theta.2", "theta.3"]);
}
