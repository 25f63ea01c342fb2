using Hmc.Native.Diagnostics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Samplers;

/// <summary>
/// Checks sampler output against known moments (DESIGN.md principle 10c): each estimate's error divided by its
/// Monte Carlo standard error (from the ESS of the draws it averages) must stay below a threshold. One quantity
/// uses 3; a family of k quantities uses the Bonferroni threshold for a 1% family-wise false-alarm rate, so a test
/// of many coordinates is not loosened by luck or tightened by chance. Every checked quantity must also reach a
/// minimum bulk ESS, so a sampler that mixes worse fails instead of passing with a wider MCSE.
/// </summary>
internal static class MomentCheck
{
    /// <summary>The z threshold for a family of <paramref name="count"/> quantities (3 for up to 6, then Bonferroni at 1%).</summary>
    public static double Threshold(int count)
    {
        double bonferroni = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - 0.01 / (2.0 * count));
        return Math.Max(3.0, bonferroni);
    }

    /// <summary>The bulk ESS every checked quantity needs by default, so a sampler that mixes worse cannot pass by widening its own MCSE.</summary>
    public const double DefaultMinimumEss = 100;

    /// <summary>
    /// |estimate − truth| / MCSE for the mean of f over the draws (all chains), after asserting that f's bulk ESS is at
    /// least <paramref name="minimumEss"/>.
    /// </summary>
    public static double ZScore(SamplingResult result, Func<double[], double> f, double truth, double minimumEss = DefaultMinimumEss)
    {
        int draws = result.Chains.Min(c => c.Draws.Count);
        var values = result.Chains.Select(c => Enumerable.Range(0, draws).Select(d => f(c.Draws[d])).ToArray()).ToArray();
        var chainDraws = ChainDraws.FromJagged(values);
        double mean = values.SelectMany(v => v).Average();
        double mcse = MonteCarloStandardError.Mean(chainDraws);
        double ess = EffectiveSampleSize.Bulk(chainDraws);
        Assert.That(mcse, Is.GreaterThan(0).And.Not.NaN, "the MCSE must be defined");
        Assert.That(ess, Is.GreaterThanOrEqualTo(minimumEss), $"bulk ESS of the checked quantity (mean {mean} against {truth})");
        return Math.Abs(mean - truth) / mcse;
    }

    /// <summary>Asserts E f = truth within the MCSE for each check (Bonferroni over the family), each with a bulk ESS of at least <paramref name="minimumEss"/>.</summary>
    public static void AssertMoments(SamplingResult result, IReadOnlyList<(string Name, Func<double[], double> F, double Truth)> checks, double minimumEss = DefaultMinimumEss)
    {
        double threshold = Threshold(checks.Count);
        foreach (var (name, f, truth) in checks)
        {
            double z = ZScore(result, f, truth, minimumEss);
            TestContext.Out.WriteLine($"{name}: z {z:F2} against {truth}");
            Assert.That(z, Is.LessThan(threshold), $"{name}: |estimate − truth| / MCSE");
        }
    }

    /// <summary>Asserts the means, variances and (optionally) the correlations of all coordinates against a Gaussian truth.</summary>
    public static void AssertGaussianMoments(SamplingResult result, double[] mean, double[] covariance, bool correlations = false)
    {
        int n = mean.Length;
        var checks = new List<(string Name, Func<double[], double> F, double Truth)>();
        for (int i = 0; i < n; i++)
        {
            int k = i;
            checks.Add(($"mean[{k}]", x => x[k], mean[k]));
            checks.Add(($"variance[{k}]", x => (x[k] - mean[k]) * (x[k] - mean[k]), covariance[k * n + k]));
        }
        if (correlations)
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                {
                    int a = i, b = j;
                    double si = Math.Sqrt(covariance[a * n + a]), sj = Math.Sqrt(covariance[b * n + b]);
                    checks.Add(($"correlation[{a},{b}]", x => (x[a] - mean[a]) / si * ((x[b] - mean[b]) / sj), covariance[a * n + b] / (si * sj)));
                }
        AssertMoments(result, checks);
    }
}
