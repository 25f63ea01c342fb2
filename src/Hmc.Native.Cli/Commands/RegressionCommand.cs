using Hmc.Native.Bayes;
using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Cli.Figures;
using Hmc.Native.Nn;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.Commands;

/// <summary>
/// <c>hmc regression</c>: a 1-50-1 tanh network sampled with NUTS on 100 points of y = sin(x) + N(0, 0.1²) noise,
/// x uniform on [−3, 3]; prints the fit of the predictive mean and the coverage of its ±2σ band, and draws them.
/// </summary>
public static class RegressionCommand
{
    /// <summary>The flags that take a value.</summary>
    public static readonly string[] ValueFlags = ["samples", "burn", "seed", "out", "chains"];

    /// <summary>The output precision: the noise is N(0, 0.1²).</summary>
    public const double TauOut = 100;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var a = new Arguments(args, ValueFlags, ["quiet"]);
        var summary = Execute(a.Int("samples", 1000, min: 1), a.Int("burn", 500, min: 0), (ulong)a.Int("seed", 1, min: 0), a.Int("chains", 2, min: 1),
            a.String("out") ?? "hmc-output", a.Has("quiet") ? TextWriter.Null : output);
        output.WriteLine(summary);
        return 0;
    }

    /// <summary>Samples, summarises and draws; returns the summary line.</summary>
    public static string Execute(int samples, int burn, ulong seed, int chains, string outDirectory, TextWriter progress)
    {
        var rng = new Rng(seed);
        const int n = 100;
        var xs = new float[n];
        var ys = new float[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = (float)(6 * rng.NextDouble() - 3);
            ys[i] = (float)(Math.Sin(xs[i]) + 0.1 * rng.NextGaussian());
        }
        var model = new Sequential<float>(new Linear<float>(1, 50), new Tanh<float>(), new Linear<float>(50, 1));
        var line = ConsoleProgress.Start(progress, "NUTS", "IMPLICIT", chains * (burn + samples));
        var result = ModelSampling.SampleModel(model, Tensor.FromSpan<float>(xs, new Shape(n, 1)), Tensor.FromSpan<float>(ys, new Shape(n, 1)),
            options: new SampleOptions { Sampler = Sampler.Nuts, NumSamples = samples, Burn = burn, Chains = chains, Seed = seed, Progress = line },
            modelOptions: new ModelOptions { ModelLoss = ModelLoss.Regression, TauOut = TauOut });
        line.Complete(result.AcceptanceRate);

        const int gridPoints = 121;
        var grid = Enumerable.Range(0, gridPoints).Select(i => -4 + 8.0 * i / (gridPoints - 1)).ToArray();
        var (predictions, _, _) = ModelSampling.PredictModel(model, result.Samples, Tensor.FromSpan<float>(grid.Select(g => (float)g).ToArray(), new Shape(gridPoints, 1)));
        var band = RegressionBandData.Create(xs.Select(v => (double)v).ToArray(), ys.Select(v => (double)v).ToArray(), grid, predictions, result.Samples.Count, TauOut);
        Directory.CreateDirectory(outDirectory);
        string path = Path.Combine(outDirectory, "regression.png");
        RegressionBandFigure.Save(band, path, 900, 500);

        double rmse = 0;
        int inside = 0, counted = 0;
        for (int j = 0; j < gridPoints; j++)
        {
            if (Math.Abs(grid[j]) > 3) continue;
            double truth = Math.Sin(grid[j]);
            rmse += (band.Mean[j] - truth) * (band.Mean[j] - truth);
            if (truth >= band.Lower[j] && truth <= band.Upper[j]) inside++;
            counted++;
        }
        return $"Acceptance rate {result.AcceptanceRate:F3}; RMSE of the predictive mean against sin(x) on [-3, 3]: {Math.Sqrt(rmse / counted):F3}; " +
               $"sin(x) inside the ±2σ band at {inside}/{counted} grid points; figure {path}";
    }
}
