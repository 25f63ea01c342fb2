// doc:begin diagnostics-usings
using Hmc.Native;
using Hmc.Native.Diagnostics;
using Hmc.Native.Ops;
using Hmc.Native.Reporting;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;
// doc:end diagnostics-usings
using MathNet.Numerics.Distributions;

namespace Hmc.Native.Tests.Docs;

/// <summary>The examples of docs/reading-diagnostics.md, each run and checked against what the guide says of it.</summary>
public class ReadingDiagnosticsExamples
{
    // doc:begin summary-table
    public static (IReadOnlyList<ParameterSummary> Rows, string Table) SummariseARun()
    {
        static Tensor<double> LogProb(Tensor<double> theta)   // N(1, 0.5²) × N(−2, 3²)
        {
            var z = (theta - Tensor.FromVector(1.0, -2.0)) / Tensor.FromVector(0.5, 3.0);
            return -0.5 * (z * z).Sum();
        }
        var result = Sampling.Sample(LogProb, [0.0, 0.0], new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 1000, Chains = 4, Seed = 7, ParameterNames = ["alpha", "beta"],
        });
        var rows = Enumerable.Range(0, result.Dimension)
            .Select(p => Summary.Of(result.ParameterNames[p], result.ParameterDraws(p)))   // draws as [chain][draw]
            .ToList();
        return (rows, SummaryTable.Format(rows));
    }
    // doc:end summary-table

    [Test]
    public void TheSummaryAgreesWithTheTruthWithinItsOwnStandardErrors()
    {
        var (rows, table) = SummariseARun();
        TestContext.Out.WriteLine(table);
        double[] mean = [1, -2], sd = [0.5, 3];
        var lines = table.Split('\n');
        Assert.That(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "Mean", "MCSE", "StdDev", "5%", "50%", "95%", "ESS_bulk", "ESS_tail", "R_hat" }));
        Assert.That(lines[1], Is.Empty);
        Assert.That(lines[2], Does.StartWith("alpha "));
        Assert.That(lines[3], Does.StartWith("beta "));
        for (int p = 0; p < 2; p++)
        {
            var row = rows[p];
            Assert.That(Math.Abs(row.Mean - mean[p]) / row.McseMean, Is.LessThan(3), $"{row.Name}: mean within 3 MCSE");
            Assert.That(row.StandardDeviation, Is.EqualTo(sd[p]).Within(0.1 * sd[p]));
            Assert.That(row.Q5, Is.EqualTo(Normal.InvCDF(mean[p], sd[p], 0.05)).Within(0.15 * sd[p]));
            Assert.That(row.Q95, Is.EqualTo(Normal.InvCDF(mean[p], sd[p], 0.95)).Within(0.15 * sd[p]));
            Assert.That(row.Rhat, Is.LessThan(1.01));
            Assert.That(row.EssBulk, Is.GreaterThan(1000));
            Assert.That(row.EssTail, Is.GreaterThan(1000));
        }
    }

    // doc:begin ar1-diagnostics
    // Four AR(1) chains x ← ρx + √(1 − ρ²)ε, each N(0, 1) in the long run; the last one shifted by `shift`.
    public static (double EssBulk, double EssTail, double Rhat, double McseMean) DiagnoseAr1(double rho, double shift)
    {
        var random = new Random(1);
        var chains = new double[4][];
        for (int c = 0; c < 4; c++)
        {
            chains[c] = new double[1000];
            double x = 0;
            for (int t = 0; t < 1000; t++)
            {
                double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                x = rho * x + Math.Sqrt(1 - rho * rho) * noise;
                chains[c][t] = c == 3 ? x + shift : x;
            }
        }
        return (EffectiveSampleSize.Bulk(chains), EffectiveSampleSize.Tail(chains), Rhat.RankNormalized(chains), MonteCarloStandardError.Mean(chains));
    }
    // doc:end ar1-diagnostics

    [Test]
    public void TheEssOfAnAr1ChainIsNearItsTheoreticalValueAndAShiftedChainRaisesRhat()
    {
        foreach (double rho in new[] { 0.5, 0.9 })
        {
            var mixed = DiagnoseAr1(rho, 0);
            double theory = 4000 * (1 - rho) / (1 + rho);
            TestContext.Out.WriteLine($"rho {rho}: {mixed}, theory {theory}");
            Assert.That(mixed.EssBulk / theory, Is.InRange(0.75, 1.33), "ESS ≈ N(1 − ρ)/(1 + ρ)");
            Assert.That(mixed.McseMean, Is.EqualTo(1 / Math.Sqrt(theory)).Within(0.15 / Math.Sqrt(theory)), "MCSE ≈ sd/√ESS");
        }
        Assert.That(DiagnoseAr1(0.5, 0).Rhat, Is.LessThan(1.01));
        Assert.That(DiagnoseAr1(0.9, 0).Rhat, Is.GreaterThan(1.01), "with an ESS near 200, R̂ of agreeing chains can exceed 1.01");

        var independent = DiagnoseAr1(0, 0);
        TestContext.Out.WriteLine($"independent: {independent}");
        Assert.That(independent.EssBulk / 4000, Is.InRange(0.85, 1.15));

        var shifted = DiagnoseAr1(0.9, 1.0);
        TestContext.Out.WriteLine($"shifted: {shifted}");
        Assert.That(shifted.Rhat, Is.GreaterThan(1.1));
    }

    // doc:begin divergences
    // Neal's funnel in two dimensions: v ~ N(0, 3²), x | v ~ N(0, eᵛ).
    public static (int Centred, int NonCentred) CountDivergences()
    {
        // log π(v, x) = −v²/18 − ½x²e⁻ᵛ − ½v: the scale of x changes by e³ between v = 0 and v = 6.
        static Tensor<double> Centred(Tensor<double> w) => -w[0] * w[0] / 18.0 - 0.5 * w[1] * w[1] * (-w[0]).Exp() - 0.5 * w[0];
        // The same model in (v, z) with x = z·e^(v/2): both coordinates have fixed scales.
        static Tensor<double> NonCentred(Tensor<double> w) => -w[0] * w[0] / 18.0 - 0.5 * w[1] * w[1];
        var options = new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 1000, Chains = 4, Seed = 2 };
        return (Sampling.Sample(Centred, [0.0, 1.0], options).Divergences, Sampling.Sample(NonCentred, [0.0, 1.0], options).Divergences);
    }
    // doc:end divergences

    [Test]
    public void TheCentredFunnelDivergesAndTheNonCentredOneDoesNot()
    {
        var (centred, nonCentred) = CountDivergences();
        TestContext.Out.WriteLine($"centred {centred}, non-centred {nonCentred}");
        Assert.That(centred, Is.GreaterThan(0));
        Assert.That(nonCentred, Is.Zero);
    }

    // doc:begin cmdstan-csv
    public static (SamplingResult Result, CmdStanCsv[] Files) WriteCmdStanCsv(string directory)
    {
        static Tensor<double> LogProb(Tensor<double> theta) => -0.5 * (theta * theta).Sum();
        var result = Sampling.Sample(LogProb, [0.5, -0.5], new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 200, Burn = 200, Chains = 2, Seed = 9,
            CsvPath = Path.Combine(directory, "draws.csv"),     // two chains: draws_1.csv and draws_2.csv
        });
        var files = new[] { "draws_1.csv", "draws_2.csv" }
            .Select(name => CmdStanCsvReader.Read(Path.Combine(directory, name)))
            .ToArray();
        return (result, files);
    }
    // doc:end cmdstan-csv

    [Test]
    public void EachChainWritesACmdStanCsvThatReadsBackAndPlots()
    {
        string directory = Directory.CreateTempSubdirectory("hmc-docs-csv-").FullName;
        try
        {
            var (result, files) = WriteCmdStanCsv(directory);
            for (int c = 0; c < 2; c++)
            {
                var csv = files[c];
                var chain = result.Chains[c];
                Assert.That(csv.ColumnNames, Is.EqualTo(new[]
                {
                    "lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__", "invalid__", "theta.1", "theta.2",
                }));
                Assert.That(csv.ParameterNames, Is.EqualTo(new[] { "theta.1", "theta.2" }));
                Assert.That(csv.DrawCount, Is.EqualTo(200));
                Assert.That(csv.Column("theta.1").ToArray(), Is.EqualTo(chain.Draws.Select(d => d[0]).ToArray()), "the draws round-trip exactly");
                Assert.That(csv.Column("treedepth__").ToArray(), Is.EqualTo(chain.Statistics.Select(s => (double)s.TreeDepth).ToArray()));
                Assert.That(csv.StepSize, Is.EqualTo(chain.StepSize));
                Assert.That(csv.InverseMetricDiagonal, Is.EqualTo(chain.InverseMassDiagonal));
                Assert.That(csv.Settings["engine"], Is.EqualTo("nuts"));
                Assert.That(csv.Settings["id"], Is.EqualTo((c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            string figures = Path.Combine(directory, "figures");
            using var output = new StringWriter();
            int code = Hmc.Native.Cli.Program.Run(
                ["plot", Path.Combine(directory, "draws_1.csv"), Path.Combine(directory, "draws_2.csv"), "--out", figures], output, output);
            Assert.That(code, Is.Zero, output.ToString());
            foreach (string name in new[] { "trace_theta.1.png", "rank_theta.1.png", "trace_theta.2.png", "rank_theta.2.png" })
                Assert.That(File.Exists(Path.Combine(figures, name)), Is.True, name);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
