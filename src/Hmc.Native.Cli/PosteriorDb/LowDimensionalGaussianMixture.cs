using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>posteriordb's <c>low_dim_gauss_mix-low_dim_gauss_mix</c>: a two-component normal mixture with ordered means.</summary>
public static class LowDimensionalGaussianMixture
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("low_dim_gauss_mix-low_dim_gauss_mix", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int n = data.Int("N");                                                   // int<lower=0> N;
        var y = Tensor.FromVector(data.Vector("y", n));                          // vector[N] y;
        var prior = new Normal<double>(Tensor.Scalar(0.0), Tensor.Scalar(2.0));
        var thetaPrior = new Beta<double>(Tensor.Scalar(5.0), Tensor.Scalar(5.0));
        return new Model()
            .Parameter("mu", 2, Constraint.Ordered)                              // ordered[2] mu;
            .Parameter("sigma", 2, Constraint.Positive)                          // array[2] real<lower=0> sigma;
            .Parameter("theta", Constraint.Bounded(0, 1))                        // real<lower=0, upper=1> theta;
            .WithLogDensity(p =>
            {
                var mu = p["mu"];
                var sigma = p["sigma"];
                var theta = p["theta"];
                var lp = prior.LogProb(sigma).Sum()                              // sigma ~ normal(0, 2);
                         + prior.LogProb(mu).Sum()                               // mu ~ normal(0, 2);
                         + thetaPrior.LogProb(theta).Sum();                      // theta ~ beta(5, 5);
                var first = theta.Log() + new Normal<double>(mu[0], sigma[0]).LogProb(y);         // log(theta) + normal_lpdf(y[n] | mu[1], sigma[1])
                var second = (1.0 - theta).Log() + new Normal<double>(mu[1], sigma[1]).LogProb(y); // log1m(theta) + normal_lpdf(y[n] | mu[2], sigma[2])
                var mixture = TensorOps.Stack<double>([first, second], 1).LogSumExp(1);           // log_mix(theta, ..., ...) for every n
                return lp + mixture.Sum();                                       // for (n in 1 : N) target += log_mix(...);
            });
    }
}
