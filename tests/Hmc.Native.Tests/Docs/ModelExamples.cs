// doc:begin model-usings
using Hmc.Native;
using Hmc.Native.Diagnostics;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;
// doc:end model-usings

namespace Hmc.Native.Tests.Docs;

/// <summary>The examples of docs/models.md, each run and checked against what the guide says of it.</summary>
public class ModelExamples
{
    // doc:begin eight-schools
    // Stan's eight schools, non-centred (posteriordb eight_schools_noncentered):
    //   theta_trans ~ normal(0, 1); theta = theta_trans * tau + mu;
    //   y ~ normal(theta, sigma); mu ~ normal(0, 5); tau ~ cauchy(0, 5) with tau > 0.
    public static (SamplingResult Result, string Table) EightSchools()
    {
        var y = Tensor.FromVector(28.0, 8, -3, 7, -1, 1, 18, 12);
        var sigma = Tensor.FromVector(15.0, 10, 16, 11, 9, 11, 10, 18);
        var model = new Model()
            .Parameter("theta_trans", 8)
            .Parameter("mu")
            .Parameter("tau", Constraint.Positive)
            .WithLogDensity(p =>
            {
                var theta = p["theta_trans"] * p["tau"] + p["mu"];
                return -0.5 * p["theta_trans"].Square().Sum()               // theta_trans ~ normal(0, 1)
                       - 0.5 * ((y - theta) / sigma).Square().Sum()          // y ~ normal(theta, sigma)
                       - 0.5 * (p["mu"] / 5.0).Square().Sum()                // mu ~ normal(0, 5)
                       - (1.0 + (p["tau"] / 5.0).Square()).Log().Sum();      // tau ~ cauchy(0, 5), tau > 0
            })
            .WithGeneratedQuantity("theta", Shape.Vector(8), p => p["theta_trans"] * p["tau"] + p["mu"]);
        var result = Sampling.Sample(model, new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 1000, Chains = 4, Seed = 11, DesiredAcceptRate = 0.95,
        });
        var rows = Enumerable.Range(0, result.Dimension)
            .Select(p => Summary.Of(result.ParameterNames[p], result.ParameterDraws(p)))
            .ToList();
        return (result, SummaryTable.Format(rows));    // rows: theta_trans.1 … theta_trans.8, mu, tau, theta.1 … theta.8
    }
    // doc:end eight-schools

    [Test]
    public void EightSchoolsAgreesWithPosteriordbsReferenceDraws()
    {
        var (result, table) = EightSchools();
        TestContext.Out.WriteLine(table);
        Assert.That(result.ParameterNames.Skip(8).Take(3), Is.EqualTo(new[] { "mu", "tau", "theta.1" }));
        Assert.That(result.Samples.All(d => d[9] > 0), Is.True, "tau is reported on its constrained scale");
        // posteriordb's reference: 10 chains × 1000 thinned draws (Stan, adapt_delta 0.95): mean and sd over the 10,000.
        (string Name, double Mean, double Sd)[] reference = [("mu", 4.4105, 3.3093), ("tau", 3.6021, 3.1985), ("theta.1", 6.1505, 5.6159)];
        foreach (var (name, mean, sd) in reference)
        {
            int p = result.ParameterNames.ToList().IndexOf(name);
            var draws = ChainDraws.FromJagged(result.ParameterDraws(p));
            double ours = result.Samples.Average(d => d[p]);
            double se = Math.Sqrt(Math.Pow(MonteCarloStandardError.Mean(draws), 2) + sd * sd / 10_000);
            double ess = EffectiveSampleSize.Bulk(draws);
            TestContext.Out.WriteLine($"{name}: {ours} against {mean}, z {(ours - mean) / se:F2}, bulk ESS {ess:F0}");
            Assert.That(ess, Is.GreaterThan(400), $"{name}: bulk ESS");
            Assert.That(Math.Abs(ours - mean) / se, Is.LessThan(3), $"{name}: |ours − reference| / combined MCSE");
        }
    }
}
