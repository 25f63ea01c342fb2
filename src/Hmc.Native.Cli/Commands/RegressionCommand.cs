using System.CommandLine;
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
public sealed class RegressionCommand : Command
{
    /// <summary>The output precision: the noise is N(0, 0.1²).</summary>
    public const double TauOut = 100;

    private readonly Option<int> _samples = TypedOption.Int("--samples", 1000, "kept draws per chain", min: 1);
    private readonly Option<int> _burn = TypedOption.Int("--burn", 500, "warm-up iterations per chain", min: 0);
    private readonly Option<ulong> _seed = TypedOption.Seed(1);
    private readonly Option<int> _chains = TypedOption.Int("--chains", 2, "the number of chains", min: 1);
    private readonly Option<string?> _out = TypedOption.Text("--out", "DIR", "the folder of the figure", "hmc-output");
    private readonly Option<bool> _quiet = TypedOption.Switch("--quiet", "no progress line");

    /// <summary>The command with its options.</summary>
    public RegressionCommand() : base("regression", "A 1-50-1 tanh network on y = sin(x) + noise, sampled with NUTS, with its predictive band.")
    {
        Add(_samples);
        Add(_burn);
        Add(_seed);
        Add(_chains);
        Add(_out);
        Add(_quiet);
        SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, cancellationToken)));
    }

    private int Run(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var (summary, cancelled) = Execute(parse.GetValue(_samples), parse.GetValue(_burn), parse.GetValue(_seed), parse.GetValue(_chains), parse.GetValue(_out)!,
            parse.GetValue(_quiet) ? TextWriter.Null : output, cancellationToken);
        output.WriteLine(summary);
        return cancelled ? ExitCodes.Interrupted : ExitCodes.Success;
    }

    /// <summary>
    /// Samples, summarises and draws; returns the summary line and whether the run was cancelled (then the line says so,
    /// and the band is drawn from the draws kept before the cancel when there are any).
    /// </summary>
    public static (string Summary, bool Cancelled) Execute(int samples, int burn, ulong seed, int chains, string outDirectory, TextWriter progress,
        CancellationToken cancellationToken = default)
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
            modelOptions: new ModelOptions { ModelLoss = ModelLoss.Regression, TauOut = TauOut }, cancellationToken: cancellationToken);
        line.Complete(result.AcceptanceRate);
        if (result.Samples.Count == 0) return ("Cancelled before any draw was kept; no figure.", true);

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
        string cancelled = result.Cancelled ? $"Cancelled after {result.Samples.Count} draws. " : "";
        return (cancelled + $"Acceptance rate {result.AcceptanceRate:F3}; RMSE of the predictive mean against sin(x) on [-3, 3]: {Math.Sqrt(rmse / counted):F3}; " +
               $"sin(x) inside the ±2σ band at {inside}/{counted} grid points; figure {path}", result.Cancelled);
    }
}
