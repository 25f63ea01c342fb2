using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>posteriordb's <c>mesquite-logmesquite_logvolume</c> (Gelman &amp; Hill, ch. 4): log leaf weight on log canopy volume.</summary>
public static class Mesquite
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("mesquite-logmesquite_logvolume", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int n = data.Int("N");                                                   // int<lower=0> N;
        var weight = data.Vector("weight", n);                                   // vector[N] weight;
        var diam1 = data.Vector("diam1", n);                                     // vector[N] diam1;
        var diam2 = data.Vector("diam2", n);                                     // vector[N] diam2;
        var canopyHeight = data.Vector("canopy_height", n);                      // vector[N] canopy_height;
        var logWeight = Tensor.FromVector(weight.Select(w => Math.Log(w)).ToArray());    // log_weight = log(weight);
        var logCanopyVolume = Enumerable.Range(0, n).Select(i => Math.Log(diam1[i] * diam2[i] * canopyHeight[i])).ToArray(); // log_canopy_volume = log(diam1 .* diam2 .* canopy_height);
        var design = DesignMatrix.FromColumns(DesignMatrix.Ones(n), logCanopyVolume);
        return new Model()
            .Parameter("beta", 2)                                                // vector[2] beta;
            .Parameter("sigma", Constraint.Positive)                             // real<lower=0> sigma;
            .WithLogDensity(p =>
                new Normal<double>(design.MatMul(p["beta"]), p["sigma"]).LogProb(logWeight).Sum()); // log_weight ~ normal(beta[1] + beta[2] * log_canopy_volume, sigma);
    }
}
