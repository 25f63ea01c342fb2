using Hmc.Native.Diagnostics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// Our draws of a posterior against posteriordb's reference draws: for every value the reference reports, the
/// mean, sd and 5 %/95 % quantiles, each compared within the combined Monte Carlo standard error
/// z = |ours − ref| / √(MCSE_ours² + MCSE_ref²), both MCSEs from their own draws' ESS (posterior's
/// <c>mcse_mean</c>, <c>mcse_sd</c> and <c>mcse_quantile</c>; Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner
/// 2021, "Rank-normalization, folding, and localization", §4.3), against the Bonferroni threshold of
/// <see cref="ComparisonCriteria"/>; every compared value must also have R̂ below the criteria's bound and a bulk
/// ESS above its minimum.
/// </summary>
public sealed class ReferenceComparison
{
    private ReferenceComparison(IReadOnlyList<QuantityComparison> quantities, IReadOnlyList<ParameterDiagnostics> diagnostics, double threshold, IReadOnlyList<string> failures)
    {
        Quantities = quantities;
        Diagnostics = diagnostics;
        Threshold = threshold;
        Failures = failures;
    }

    /// <summary>Every compared quantity.</summary>
    public IReadOnlyList<QuantityComparison> Quantities { get; }

    /// <summary>Our diagnostics of every compared value.</summary>
    public IReadOnlyList<ParameterDiagnostics> Diagnostics { get; }

    /// <summary>The z threshold used.</summary>
    public double Threshold { get; }

    /// <summary>What disagreed, one line each (empty when everything agrees).</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>Whether every quantity agrees and every value converged.</summary>
    public bool Agrees => Failures.Count == 0;

    /// <summary>Compares <paramref name="result"/> with <paramref name="reference"/>.</summary>
    public static ReferenceComparison Compare(SamplingResult result, ReferenceDraws reference, ComparisonCriteria? criteria = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(reference);
        criteria ??= new ComparisonCriteria();
        var failures = new List<string>();
        var quantities = new List<QuantityComparison>();
        var diagnostics = new List<ParameterDiagnostics>();
        var names = result.ParameterNames.ToList();
        foreach (var name in reference.Names)
        {
            int index = names.IndexOf(name);
            if (index < 0)
            {
                failures.Add($"{name}: the reference reports it, our model does not (it reports {string.Join(", ", names)})");
                continue;
            }
            var ours = ChainDraws.FromJagged(result.ParameterDraws(index));
            var theirs = ChainDraws.FromJagged(reference[name]);
            var our = Summary.Of(name, ours);
            var their = Summary.Of(name, theirs);
            var d = new ParameterDiagnostics(name, our.EssBulk, our.EssTail, our.Rhat);
            diagnostics.Add(d);
            if (!(d.Rhat < criteria.MaximumRhat)) failures.Add($"{name}: R̂ {d.Rhat:F4} is not below {criteria.MaximumRhat}");
            if (!(d.EssBulk >= criteria.MinimumEssBulk)) failures.Add($"{name}: bulk ESS {d.EssBulk:F0} is below the required {criteria.MinimumEssBulk}");
            quantities.Add(Quantity(name, "mean", our.Mean, our.McseMean, their.Mean, their.McseMean));
            quantities.Add(Quantity(name, "sd", our.StandardDeviation, MonteCarloStandardError.StandardDeviation(ours),
                their.StandardDeviation, MonteCarloStandardError.StandardDeviation(theirs)));
            quantities.Add(Quantity(name, "q5", our.Q5, MonteCarloStandardError.Quantile(ours, 0.05), their.Q5, MonteCarloStandardError.Quantile(theirs, 0.05)));
            quantities.Add(Quantity(name, "q95", our.Q95, MonteCarloStandardError.Quantile(ours, 0.95), their.Q95, MonteCarloStandardError.Quantile(theirs, 0.95)));
        }
        double threshold = criteria.Threshold(Math.Max(quantities.Count, 1));
        foreach (var q in quantities)
            if (!(q.Z < threshold)) failures.Add($"{q} exceeds {threshold:F2}");
        return new ReferenceComparison(quantities, diagnostics, threshold, failures);
    }

    private static QuantityComparison Quantity(string name, string quantity, double ours, double oursMcse, double reference, double referenceMcse) =>
        new(name, quantity, ours, reference, oursMcse, referenceMcse, Math.Abs(ours - reference) / Math.Sqrt(oursMcse * oursMcse + referenceMcse * referenceMcse));
}
