using Hmc.Native.Adaptation;
using Hmc.Native.Metrics;

namespace Hmc.Native.Samplers;

/// <summary>What HMC, NUTS and split HMC use beyond the run options: the trajectory and the mass matrix.</summary>
/// <param name="Steps">L, the leapfrog steps of a static trajectory (HMC, split HMC).</param>
/// <param name="MaxTreeDepth">The largest number of NUTS doublings.</param>
/// <param name="InverseMass">The starting M⁻¹ (null: unit).</param>
/// <param name="AdaptMass">How warm-up estimates M⁻¹.</param>
internal sealed record EuclideanOptions(int Steps, int MaxTreeDepth, IEuclideanMetric? InverseMass, MassMatrixAdaptation AdaptMass)
{
    /// <summary>The Euclidean options of checked <paramref name="options"/>; the mass adaptation defaults to diagonal for NUTS, none otherwise.</summary>
    public static EuclideanOptions From(SampleOptions options) =>
        new(options.NumStepsPerSample, options.MaxTreeDepth, options.InverseMass,
            options.Burn == 0 ? MassMatrixAdaptation.None : options.AdaptMass ?? (options.Sampler == Sampler.Nuts ? MassMatrixAdaptation.Diagonal : MassMatrixAdaptation.None));

    /// <summary>M⁻¹ to start from, for <paramref name="dimension"/> parameters.</summary>
    public IEuclideanMetric StartingMetric(int dimension) => InverseMass ?? new UnitMetric(dimension);

    /// <summary>CmdStan's name of the metric the kept draws use: the adapted family, or that of the starting metric.</summary>
    public string CmdStanMetric(int dimension) => AdaptMass switch
    {
        MassMatrixAdaptation.Dense => "dense_e",
        MassMatrixAdaptation.Diagonal => "diag_e",
        _ => StartingMetric(dimension).CmdStanName,
    };
}
