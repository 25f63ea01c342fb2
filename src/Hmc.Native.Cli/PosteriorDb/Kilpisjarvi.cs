using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// posteriordb's <c>kilpisjarvi_mod-kilpisjarvi</c>: a linear trend of summer temperature on the year, uncentred,
/// so intercept and slope are correlated almost to 1 (the posterior that tests a sampler's mass matrix).
/// </summary>
public static class Kilpisjarvi
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("kilpisjarvi_mod-kilpisjarvi", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int n = data.Int("N");                                                   // int<lower=0> N;
        var x = data.Vector("x", n);                                             // vector[N] x;
        var y = Tensor.FromVector(data.Vector("y", n));                          // vector[N] y;
        var alphaPrior = new Normal<double>(Tensor.Scalar(data.Real("pmualpha")), Tensor.Scalar(data.Real("psalpha"))); // real pmualpha; real psalpha;
        var betaPrior = new Normal<double>(Tensor.Scalar(data.Real("pmubeta")), Tensor.Scalar(data.Real("psbeta")));    // real pmubeta; real psbeta;
        var design = DesignMatrix.FromColumns(DesignMatrix.Ones(n), x);
        return new Model()
            .Parameter("alpha")                                                  // real alpha;
            .Parameter("beta")                                                   // real beta;
            .Parameter("sigma", Constraint.Positive)                             // real<lower=0> sigma;
            .WithLogDensity(p =>
            {
                var coefficients = TensorOps.Stack<double>([p["alpha"], p["beta"]], 0);
                return alphaPrior.LogProb(p["alpha"]).Sum()                      // alpha ~ normal(pmualpha, psalpha);
                       + betaPrior.LogProb(p["beta"]).Sum()                      // beta ~ normal(pmubeta, psbeta);
                       + new Normal<double>(design.MatMul(coefficients), p["sigma"]).LogProb(y).Sum(); // y ~ normal(alpha + beta * x, sigma);
            });
    }
}
