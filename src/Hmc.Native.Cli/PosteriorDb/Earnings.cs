using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// posteriordb's <c>earnings-logearn_interaction_z</c> (Gelman &amp; Hill, ch. 4): log earnings on standardised
/// height, sex and their interaction, with flat priors.
/// </summary>
public static class Earnings
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("earnings-logearn_interaction_z", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int n = data.Int("N");                                                   // int<lower=0> N;
        var earn = data.Vector("earn", n);                                       // vector[N] earn;
        var height = data.Vector("height", n);                                   // vector[N] height;
        var male = data.Vector("male", n);                                       // vector[N] male;
        var logEarn = Tensor.FromVector(earn.Select(e => Math.Log(e)).ToArray());        // log_earn = log(earn);
        double meanHeight = height.Average();
        double sdHeight = Math.Sqrt(height.Sum(h => (h - meanHeight) * (h - meanHeight)) / (n - 1));
        var zHeight = height.Select(h => (h - meanHeight) / sdHeight).ToArray(); // z_height = (height - mean(height)) / sd(height);
        var inter = zHeight.Zip(male, (z, m) => z * m).ToArray();                // inter = z_height .* male;
        var design = DesignMatrix.FromColumns(DesignMatrix.Ones(n), zHeight, male, inter);
        return new Model()
            .Parameter("beta", 4)                                                // vector[4] beta;
            .Parameter("sigma", Constraint.Positive)                             // real<lower=0> sigma;
            .WithLogDensity(p =>
            {
                var mu = design.MatMul(p["beta"]);                               // beta[1] + beta[2] * z_height + beta[3] * male + beta[4] * inter
                return new Normal<double>(mu, p["sigma"]).LogProb(logEarn).Sum(); // log_earn ~ normal(..., sigma);
            });
    }
}
