using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>posteriordb's <c>eight_schools-eight_schools_noncentered</c>: Rubin's eight schools in the non-centred parameterisation.</summary>
public static class EightSchools
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("eight_schools-eight_schools_noncentered", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int j = data.Int("J");                                                   // int<lower=0> J;
        var y = Tensor.FromVector(data.Vector("y", j));                          // array[J] real y;
        var sigma = Tensor.FromVector(data.Vector("sigma", j));                  // array[J] real<lower=0> sigma;
        var standard = new Normal<double>(Tensor.Scalar(0.0), Tensor.Scalar(1.0));
        var muPrior = new Normal<double>(Tensor.Scalar(0.0), Tensor.Scalar(5.0));
        var tauPrior = new Cauchy<double>(Tensor.Scalar(0.0), Tensor.Scalar(5.0));
        static Tensor<double> Theta(ParameterValues p) => p["theta_trans"] * p["tau"] + p["mu"]; // theta = theta_trans * tau + mu;
        return new Model()
            .Parameter("theta_trans", j)                                         // vector[J] theta_trans;
            .Parameter("mu")                                                     // real mu;
            .Parameter("tau", Constraint.Positive)                               // real<lower=0> tau;
            .WithLogDensity(p =>
                standard.LogProb(p["theta_trans"]).Sum()                         // theta_trans ~ normal(0, 1);
                + new Normal<double>(Theta(p), sigma).LogProb(y).Sum()           // y ~ normal(theta, sigma);
                + muPrior.LogProb(p["mu"]).Sum()                                 // mu ~ normal(0, 5);
                + tauPrior.LogProb(p["tau"]).Sum())                              // tau ~ cauchy(0, 5);
            .WithGeneratedQuantity("theta", Shape.Vector(j), Theta);             // vector[J] theta; (transformed parameters)
    }
}
