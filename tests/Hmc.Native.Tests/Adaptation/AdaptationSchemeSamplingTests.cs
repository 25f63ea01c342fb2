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

    /// <summary>
    /// Every scheme is correct on the correlated target, and the low-rank metric reaches at least 5 times the ESS per
    /// gradient (warm-up included) of Stan's diagonal: a diagonal cannot undo the rotation, so NUTS's step size is held
    /// to the smallest scale (√0.01) while its trajectories must span the largest (√10), about √1000 ≈ 30 times more
    /// steps per draw than on the whitened target the low-rank metric leaves (measured: about 35 times).
    /// </summary>
    [Test, Category("Slow")]
    public void EachSchemeReproducesTheCorrelatedGaussianAndLowRankNeedsFarFewerGradients()
    {
        var efficiency = CheckEachScheme(CorrelatedCovariance(), 21);
        Assert.That(efficiency[AdaptationScheme.LowRank] / efficiency[AdaptationScheme.Stan], Is.GreaterThan(5),
            "min bulk ESS per gradient, LowRank over Stan");
    }

    /// <summary>
    /// Every scheme is correct on the ill-scaled target, and nutpie's diagonal reaches at least twice the ESS per
    /// gradient of Stan's: both end with the right diagonal, but Stan's first 75 iterations run on the unit metric,
    /// whose step size the smallest scale (0.01) holds while the largest (100) needs trajectories at the maximum tree
    /// depth (1023 gradients per draw), and 400 warm-up draws replace 1000 (measured: about 10 times).
    /// </summary>
    [Test, Category("Slow")]
    public void EachSchemeReproducesTheIllScaledGaussianAndDiagonalNeedsFewerGradients()
    {
        var efficiency = CheckEachScheme(IllScaledCovariance(), 22);
        Assert.That(efficiency[AdaptationScheme.Diagonal] / efficiency[AdaptationScheme.Stan], Is.GreaterThan(2),
            "min bulk ESS per gradient, Diagonal over Stan");
    }

    /// <summary>Asserts the moments of a run with each scheme and returns each one's min bulk ESS per gradient.</summary>
    private static Dictionary<AdaptationScheme, double> CheckEachScheme(double[] covariance, ulong seed) =>
        Enum.GetValues<AdaptationScheme>().ToDictionary(scheme => scheme, scheme => Check(covariance, scheme, seed));

    /// <summary>Asserts the moments of the run with <paramref name="scheme"/> and returns its min bulk ESS per gradient.</summary>
    private static double Check(double[] covariance, AdaptationScheme scheme, ulong seed)
    {
        var result = Run(covariance, scheme, seed);
        double ess = MinimumBulkEss(result), perGradient = ess / result.GradientEvaluations;
        TestContext.Out.WriteLine($"{scheme}: min bulk ESS {ess:F0}, gradients {result.GradientEvaluationsWarmUp} + {result.GradientEvaluationsSampling}, " +
                                  $"ESS/gradient {perGradient:E3}, acceptance {result.AcceptanceRate:F3}, divergences {result.Divergences}");
        Assert.That(result.Divergences, Is.Zero, $"{scheme}: divergences");
        MomentCheck.AssertGaussianMoments(result, Mean(), covariance);
        return perGradient;
    }
}
