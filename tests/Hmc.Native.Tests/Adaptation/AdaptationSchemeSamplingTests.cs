using Hmc.Native.Adaptation;
using Hmc.Native.Diagnostics;
using Hmc.Native.Samplers;
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Adaptation;

/// <summary>
/// NUTS with each warm-up scheme on a strongly correlated and on an ill-scaled 50-D Gaussian: the means and variances
/// of every coordinate agree with the truth within the MCSE (Bonferroni over the family) with a minimum bulk ESS.
/// </summary>
public class AdaptationSchemeSamplingTests
{
    private const int Dimension = 50;

    /// <summary>Σ = Q diag(λ) Qᵀ, λ log-spaced over 0.01 … 10 in a random rotation: every coordinate mixes all scales, so a diagonal metric cannot help.</summary>
    internal static double[] CorrelatedCovariance() => TestTargets.RandomCovariance(Dimension, 0.01, 10, seed: 16);

    /// <summary>Independent coordinates with standard deviations log-spaced over 0.01 … 100 (variances over 10⁻⁴ … 10⁴).</summary>
    internal static double[] IllScaledCovariance()
    {
        var cov = new double[Dimension * Dimension];
        for (int i = 0; i < Dimension; i++) cov[i * Dimension + i] = Math.Pow(10, -4 + 8.0 * i / (Dimension - 1));
        return cov;
    }

    internal static double[] Mean() => Enumerable.Range(0, Dimension).Select(i => Math.Cos(i)).ToArray();

    internal static SamplingResult Run(double[] covariance, AdaptationScheme scheme, ulong seed)
    {
        var density = TestTargets.Gaussian(Mean(), TestTargets.Inverse(covariance, Dimension));
        return Sampling.Sample(density, new double[Dimension], new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 1000, Chains = 4, Seed = seed, Adaptation = scheme,
            Burn = scheme == AdaptationScheme.Stan ? 1000 : 0,
        });
    }

    internal static double MinimumBulkEss(SamplingResult result) =>
        Enumerable.Range(0, result.Dimension).Min(p => EffectiveSampleSize.Bulk(ChainDraws.FromJagged(result.ParameterDraws(p))));

    [Test, Category("Slow")]
    public void EachSchemeReproducesTheCorrelatedGaussian([Values] AdaptationScheme scheme) => Check(CorrelatedCovariance(), scheme, 21);

    [Test, Category("Slow")]
    public void EachSchemeReproducesTheIllScaledGaussian([Values] AdaptationScheme scheme) => Check(IllScaledCovariance(), scheme, 22);

    private static void Check(double[] covariance, AdaptationScheme scheme, ulong seed)
    {
        var result = Run(covariance, scheme, seed);
        TestContext.Out.WriteLine($"{scheme}: min bulk ESS {MinimumBulkEss(result):F0}, gradients {result.GradientEvaluationsWarmUp} + {result.GradientEvaluationsSampling}, " +
                                  $"ESS/gradient {MinimumBulkEss(result) / result.GradientEvaluations:E3}, acceptance {result.AcceptanceRate:F3}, divergences {result.Divergences}, {result.WallSeconds:F1} s");
        Assert.That(result.Divergences, Is.Zero);
        MomentCheck.AssertGaussianMoments(result, Mean(), covariance);
    }
}
