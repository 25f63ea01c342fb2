using Hmc.Native.Adaptation;
using Hmc.Native.Metrics;

namespace Hmc.Native.Samplers;

/// <summary>What HMC, NUTS and split HMC use beyond the run options: the trajectory and the mass matrix.</summary>
/// <param name="Steps">L, the leapfrog steps of a static trajectory (HMC, split HMC).</param>
/// <param name="MaxTreeDepth">The largest number of NUTS doublings.</param>
/// <param name="InverseMass">The starting M⁻¹ (null: unit).</param>
/// <param name="AdaptMass">How Stan's warm-up estimates M⁻¹.</param>
/// <param name="Adaptation">The warm-up scheme.</param>
internal sealed record EuclideanOptions(int Steps, int MaxTreeDepth, IEuclideanMetric? InverseMass, MassMatrixAdaptation AdaptMass, AdaptationScheme Adaptation)
{
    /// <summary>
    /// The Euclidean options of checked <paramref name="options"/>; Stan's mass adaptation defaults to diagonal for NUTS,
    /// none otherwise, and nutpie's schemes always adapt a metric.
    /// </summary>
    public static EuclideanOptions From(SampleOptions options) =>
        new(options.NumStepsPerSample, options.MaxTreeDepth, options.InverseMass, MassOf(options), options.Adaptation);

    private static MassMatrixAdaptation MassOf(SampleOptions options)
    {
        if (SampleOptionsCheck.WarmUpIterations(options) == 0) return MassMatrixAdaptation.None;
        if (options.Adaptation != AdaptationScheme.Stan) return MassMatrixAdaptation.Diagonal;
        return options.AdaptMass ?? (options.Sampler == Sampler.Nuts ? MassMatrixAdaptation.Diagonal : MassMatrixAdaptation.None);
    }

    /// <summary>Whether warm-up replaces the metric.</summary>
    public bool AdaptsMetric => AdaptMass != MassMatrixAdaptation.None;

    /// <summary>M⁻¹ to start from, for <paramref name="dimension"/> parameters.</summary>
    public IEuclideanMetric StartingMetric(int dimension) => InverseMass ?? new UnitMetric(dimension);

    /// <summary>CmdStan's name of the metric the kept draws use: the adapted family, or that of the starting metric.</summary>
    public string CmdStanMetric(int dimension) => (Adaptation, AdaptMass) switch
    {
        (_, MassMatrixAdaptation.None) => StartingMetric(dimension).CmdStanName,
        (AdaptationScheme.LowRank, _) or (_, MassMatrixAdaptation.Dense) => "dense_e",
        _ => "diag_e",
    };
}
