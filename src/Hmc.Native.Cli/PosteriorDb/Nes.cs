using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>posteriordb's <c>nes1980-nes</c> (Gelman &amp; Hill, ch. 4): party identification on ideology, race, age group, education, sex and income.</summary>
public static class Nes
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("nes1980-nes", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int n = data.Int("N");                                                   // int<lower=0> N;
        var partyId7 = Tensor.FromVector(data.Vector("partyid7", n));            // vector[N] partyid7;
        var realIdeo = data.Vector("real_ideo", n);                              // vector[N] real_ideo;
        var raceAdj = data.Vector("race_adj", n);                                // vector[N] race_adj;
        var educ1 = data.Vector("educ1", n);                                     // vector[N] educ1;
        var gender = data.Vector("gender", n);                                   // vector[N] gender;
        var income = data.Vector("income", n);                                   // vector[N] income;
        var ageDiscrete = data.Vector("age_discrete", n);                        // array[N] int age_discrete;
        double[] AgeIs(int group) => ageDiscrete.Select(a => a == group ? 1.0 : 0.0).ToArray();
        var design = DesignMatrix.FromColumns(
            DesignMatrix.Ones(n), realIdeo, raceAdj,
            AgeIs(2), AgeIs(3), AgeIs(4),                                        // age30_44[n] = age_discrete[n] == 2; age45_64 (3); age65up (4)
            educ1, gender, income);
        return new Model()
            .Parameter("beta", 9)                                                // vector[9] beta;
            .Parameter("sigma", Constraint.Positive)                             // real<lower=0> sigma;
            .WithLogDensity(p =>
                new Normal<double>(design.MatMul(p["beta"]), p["sigma"]).LogProb(partyId7).Sum()); // partyid7 ~ normal(beta[1] + beta[2] * real_ideo + ... + beta[9] * income, sigma);
    }
}
