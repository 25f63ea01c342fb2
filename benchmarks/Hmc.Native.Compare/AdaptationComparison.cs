using System.Globalization;
using System.Text;
using Hmc.Native.Adaptation;
using Hmc.Native.Cli.Targets;
using Hmc.Native.Diagnostics;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Compare;

/// <summary>
/// <c>hmc-compare adaptation [SEEDS]</c>: NUTS with each warm-up scheme (Stan's windows with 1000 warm-up draws,
/// nutpie's diagonal and low-rank with their default 400) side by side on a correlated 50-D Gaussian, an ill-scaled
/// 50-D Gaussian and the non-centred eight schools (Model API), 4 chains × 1000 kept draws per run, over several
/// seeds: the minimum bulk and tail ESS over every reported value, the gradients of warm-up and sampling, the minimum
/// bulk ESS per gradient (warm-up included) and per second of the run, divergences and the largest R̂, as a markdown
/// table with the median over the seeds and each scheme's ratio to Stan's.
/// </summary>
internal static class AdaptationComparison
{
    private const int Dimension = 50;

    private sealed record Case(string Name, Func<AdaptationScheme, ulong, SamplingResult> Run);

    private sealed record Row(double EssBulk, double EssTail, long WarmUp, long Sampling, double PerGradient, double PerSecond, int Divergences, double MaxRhat);

    /// <summary>Runs every target and scheme over <paramref name="seeds"/> seeds and returns the table.</summary>
    public static string Format(int seeds)
    {
        var text = new StringBuilder();
        text.AppendLine("| target | adaptation | min bulk ESS | min tail ESS | gradients warm-up | gradients sampling | bulk ESS / gradient | vs Stan | bulk ESS / s | divergences | max R̂ |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var target in Cases())
        {
            var medians = new Dictionary<AdaptationScheme, Row>();
            foreach (var scheme in Enum.GetValues<AdaptationScheme>())
            {
                var rows = Enumerable.Range(1, seeds).Select(seed => Measure(target.Run(scheme, (ulong)seed))).ToList();
                medians[scheme] = new Row(Median(rows, r => r.EssBulk), Median(rows, r => r.EssTail), (long)Median(rows, r => r.WarmUp), (long)Median(rows, r => r.Sampling),
                    Median(rows, r => r.PerGradient), Median(rows, r => r.PerSecond), rows.Sum(r => r.Divergences), rows.Max(r => r.MaxRhat));
            }
            foreach (var (scheme, m) in medians)
            {
                string ratio = (m.PerGradient / medians[AdaptationScheme.Stan].PerGradient).ToString("F2", CultureInfo.InvariantCulture);
                text.AppendLine(FormattableString.Invariant(
                    $"| {target.Name} | {scheme} | {m.EssBulk:F0} | {m.EssTail:F0} | {m.WarmUp} | {m.Sampling} | {m.PerGradient:E2} | {ratio}× | {m.PerSecond:F0} | {m.Divergences} | {m.MaxRhat:F3} |"));
            }
        }
        return text.ToString();
    }

    private static IEnumerable<Case> Cases()
    {
        var mean = Enumerable.Range(0, Dimension).Select(i => Math.Cos(i)).ToArray();
        var correlated = MvnTarget.Create(CovarianceFile.Build(Dimension, 16, 0.01, 10), mean).Density;
        var scales = new double[Dimension * Dimension];
        for (int i = 0; i < Dimension; i++) scales[i * Dimension + i] = Math.Pow(10, -4 + 8.0 * i / (Dimension - 1));
        var illScaled = MvnTarget.Create(scales, mean).Density;
        yield return new Case("correlated 50-D Gaussian (λ 0.01…10, rotated)", (scheme, seed) => Sampling.Sample(correlated, new double[Dimension], Options(scheme, seed)));
        yield return new Case("ill-scaled 50-D Gaussian (sd 0.01…100)", (scheme, seed) => Sampling.Sample(illScaled, new double[Dimension], Options(scheme, seed)));
        var schools = EightSchools();
        yield return new Case("eight schools, non-centred", (scheme, seed) => Sampling.Sample(schools, Options(scheme, seed)));
    }

    private static SampleOptions Options(AdaptationScheme scheme, ulong seed) => new()
    {
        Sampler = Sampler.Nuts, NumSamples = 1000, Chains = 4, Seed = seed, Adaptation = scheme,
        Burn = scheme == AdaptationScheme.Stan ? 1000 : 0,
    };

    /// <summary>posteriordb's eight_schools_noncentered: θ̃ ~ N(0, 1), θ = μ + τθ̃, y ~ N(θ, σ), μ ~ N(0, 5), τ ~ half-Cauchy(0, 5).</summary>
    private static Model EightSchools()
    {
        var y = Tensor.FromVector(28.0, 8, -3, 7, -1, 1, 18, 12);
        var sigma = Tensor.FromVector(15.0, 10, 16, 11, 9, 11, 10, 18);
        return new Model()
            .Parameter("theta_trans", 8)
            .Parameter("mu")
            .Parameter("tau", Constraint.Positive)
            .WithLogDensity(p =>
            {
                var theta = p["theta_trans"] * p["tau"] + p["mu"];
                return -0.5 * p["theta_trans"].Square().Sum()
                       - 0.5 * ((y - theta) / sigma).Square().Sum()
                       - 0.5 * (p["mu"] / 5.0).Square().Sum()
                       - (1.0 + (p["tau"] / 5.0).Square()).Log().Sum();
            });
    }

    private static Row Measure(SamplingResult result)
    {
        double bulk = double.PositiveInfinity, tail = double.PositiveInfinity, rhat = 0;
        for (int p = 0; p < result.Dimension; p++)
        {
            var draws = ChainDraws.FromJagged(result.ParameterDraws(p));
            bulk = Math.Min(bulk, EffectiveSampleSize.Bulk(draws));
            tail = Math.Min(tail, EffectiveSampleSize.Tail(draws));
            rhat = Math.Max(rhat, Rhat.RankNormalized(draws));
        }
        return new Row(bulk, tail, result.GradientEvaluationsWarmUp, result.GradientEvaluationsSampling,
            bulk / result.GradientEvaluations, bulk / result.WallSeconds, result.Divergences, rhat);
    }

    private static double Median(IReadOnlyList<Row> rows, Func<Row, double> value)
    {
        var sorted = rows.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }
}
