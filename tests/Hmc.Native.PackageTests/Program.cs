// doc:begin readme-first-example
using Hmc.Native;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

// log π(θ) up to a constant, written with tensor operations (differentiated automatically).
static Tensor<double> LogProb(Tensor<double> theta)
{
    var mean = Tensor.FromVector(1.0, 2.0, 3.0);
    var z = (theta - mean) / 0.5;
    return -0.5 * (z * z).Sum();
}

var result = Sampling.Sample(LogProb, [0.0, 0.0, 0.0], new SampleOptions
{
    Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 500, Chains = 4, Seed = 1,
});
Console.WriteLine($"acceptance {result.AcceptanceRate:F2}, {result.TotalDraws} draws");
double[,,] draws = result.DrawArray();   // [chain, draw, parameter]
// doc:end readme-first-example

// The example's target is N((1, 2, 3), 0.5² I): each mean must lie within 5 Monte Carlo standard errors, with a bulk
// ESS of at least 400.
int chains = draws.GetLength(0), perChain = draws.GetLength(1);
for (int j = 0; j < 3; j++)
{
    var column = new double[chains * perChain];
    for (int c = 0; c < chains; c++)
        for (int d = 0; d < perChain; d++) column[c * perChain + d] = draws[c, d, j];
    var summary = Hmc.Native.Diagnostics.Summary.Of($"theta.{j + 1}", new Hmc.Native.Diagnostics.ChainDraws(column, chains, perChain));
    double z = (summary.Mean - (j + 1)) / summary.McseMean;
    Console.WriteLine($"{summary.Name}: mean {summary.Mean:F3} (z {z:F2}), bulk ESS {summary.EssBulk:F0}");
    if (Math.Abs(z) > 5 || summary.EssBulk < 400)
    {
        Console.Error.WriteLine($"{summary.Name}: the draws of the packaged Hmc.Native do not have the target's mean {j + 1}");
        return 1;
    }
}
Console.WriteLine("The README's example ran on the Hmc.Native package.");
return 0;
