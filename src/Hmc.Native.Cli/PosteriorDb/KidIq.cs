using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>posteriordb's <c>kidiq-kidscore_momiq</c> (Gelman &amp; Hill, ch. 3): a child's test score on the mother's IQ.</summary>
public static class KidIq
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("kidiq-kidscore_momiq", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int n = data.Int("N");                                                   // int<lower=0> N;
        var kidScore = data.Vector("kid_score", n);                              // vector<lower=0, upper=200>[N] kid_score;
        var momIq = data.Vector("mom_iq", n);                                    // vector<lower=0, upper=200>[N] mom_iq;
        var score = Tensor.FromVector(kidScore);
        var design = DesignMatrix.FromColumns(DesignMatrix.Ones(n), momIq);
        var sigmaPrior = new Cauchy<double>(Tensor.Scalar(0.0), Tensor.Scalar(2.5));
        return new Model()
            .Parameter("beta", 2)                                                // vector[2] beta;
            .Parameter("sigma", Constraint.Positive)                             // real<lower=0> sigma;
            .WithLogDensity(p =>
                sigmaPrior.LogProb(p["sigma"]).Sum()                             // sigma ~ cauchy(0, 2.5);
                + new Normal<double>(design.MatMul(p["beta"]), p["sigma"]).LogProb(score).Sum()); // kid_score ~ normal(beta[1] + beta[2] * mom_iq, sigma);
    }
}
