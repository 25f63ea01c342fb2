namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>What agreement with a reference posterior requires.</summary>
/// <param name="MinimumEssBulk">The bulk ESS every compared value needs, so a sampler that mixes worse fails instead of passing with a wider MCSE.</param>
/// <param name="MaximumRhat">The largest rank-normalised R̂ allowed for any compared value (Vehtari et al. 2021 recommend 1.01).</param>
/// <param name="FamilyWiseRate">
/// The probability that a correct sampler fails one posterior's comparison by chance: the z threshold is the
/// Bonferroni bound Φ⁻¹(1 − rate/(2m)) over its m compared quantities. 0.001 per posterior keeps the chance that
/// any of twelve fails near 1%.
/// </param>
public sealed record ComparisonCriteria(double MinimumEssBulk = 400, double MaximumRhat = 1.01, double FamilyWiseRate = 0.001)
{
    /// <summary>The z threshold for <paramref name="count"/> compared quantities.</summary>
    public double Threshold(int count) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - FamilyWiseRate / (2.0 * count));
}
