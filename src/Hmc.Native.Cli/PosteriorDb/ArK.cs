using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>posteriordb's <c>arK-arK</c>: an autoregressive model of order K with normal errors (Stan's benchmark <c>arK</c>).</summary>
public static class ArK
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("arK-arK", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int k = data.Int("K");                                                   // int<lower=0> K;
        int t = data.Int("T");                                                   // int<lower=0> T;
        var y = data.Vector("y", t);                                             // array[T] real y;
        var lags = new double[t - k, k];                                         // y[t - k] for t in (K + 1):T, k in 1:K
        for (int i = 0; i < t - k; i++)
            for (int j = 0; j < k; j++) lags[i, j] = y[k + i - (j + 1)];
        var lagMatrix = Tensor.FromMatrix(lags);
        var observed = Tensor.FromVector(y[k..]);                                // y[t] for t in (K + 1):T
        var wide = new Normal<double>(Tensor.Scalar(0.0), Tensor.Scalar(10.0));
        var sigmaPrior = new Cauchy<double>(Tensor.Scalar(0.0), Tensor.Scalar(2.5));
        return new Model()
            .Parameter("alpha")                                                  // real alpha;
            .Parameter("beta", k)                                                // array[K] real beta;
            .Parameter("sigma", Constraint.Positive)                             // real<lower=0> sigma;
            .WithLogDensity(p =>
            {
                var alpha = p["alpha"];
                var beta = p["beta"];
                var sigma = p["sigma"];
                var lp = wide.LogProb(alpha).Sum()                               // alpha ~ normal(0, 10);
                         + wide.LogProb(beta).Sum()                              // beta ~ normal(0, 10);
                         + sigmaPrior.LogProb(sigma).Sum();                      // sigma ~ cauchy(0, 2.5);
                var mu = alpha + lagMatrix.MatMul(beta);                         // mu = alpha + sum_k beta[k] * y[t - k], every t at once
                return lp + new Normal<double>(mu, sigma).LogProb(observed).Sum(); // y[t] ~ normal(mu, sigma);
            });
    }
}
