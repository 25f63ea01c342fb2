using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>posteriordb's <c>sblrc-blr</c>: a Bayesian linear regression with normal priors on the coefficients and a half-normal scale.</summary>
public static class Sblrc
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("sblrc-blr", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int n = data.Int("N");                                                   // int<lower=0> N;
        int d = data.Int("D");                                                   // int<lower=0> D;
        var x = Tensor.FromMatrix(data.Matrix("X", n, d));                       // matrix[N, D] X;
        var y = Tensor.FromVector(data.Vector("y", n));                          // vector[N] y;
        var prior = new Normal<double>(Tensor.Scalar(0.0), Tensor.Scalar(10.0));
        return new Model()
            .Parameter("beta", d)                                                // vector[D] beta;
            .Parameter("sigma", Constraint.Positive)                             // real<lower=0> sigma;
            .WithLogDensity(p =>
                prior.LogProb(p["beta"]).Sum()                                   // target += normal_lpdf(beta | 0, 10);
                + prior.LogProb(p["sigma"]).Sum()                                // target += normal_lpdf(sigma | 0, 10);
                + new Normal<double>(x.MatMul(p["beta"]), p["sigma"]).LogProb(y).Sum()); // target += normal_lpdf(y | X * beta, sigma);
    }
}
