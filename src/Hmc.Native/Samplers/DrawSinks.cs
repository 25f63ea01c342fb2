using Hmc.Native.Metrics;
using Hmc.Native.Reporting;

namespace Hmc.Native.Samplers;

/// <summary>Creates the draw sink a run asks for: a CmdStan CSV file per chain when <see cref="SampleOptions.CsvPath"/> is set.</summary>
internal static class DrawSinks
{
    /// <summary>
    /// The sink of chain <paramref name="chain"/> (0-based, in the whole run; <paramref name="adapts"/>: whether warm-up
    /// adapts anything), or null when the run asks for none. The CSV
    /// header states the real engine (<c>nuts</c> for a kernel that reports an accept statistic over a tree, else
    /// <c>static</c>), metric, draw counts, adaptation, seed and the chain's id (chain + 1), and the file has the
    /// fixed-point columns when the kernel solves fixed points.
    /// </summary>
    public static IDrawSink? Create(RunOptions run, Sampler sampler, bool adapts, ITransitionKernel kernel, string metric, IReadOnlyList<string> names,
        int chain, int chains, ulong seed)
    {
        if (run.CsvPath is null) return null;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var settings = new Dictionary<string, string>
        {
            ["num_samples"] = run.NumSamples.ToString(invariant),
            ["num_warmup"] = run.Burn.ToString(invariant),
            ["thin"] = run.Thin.ToString(invariant),
            ["engaged"] = adapts ? "1" : "0",
            ["delta"] = CmdStanNumber.Format(run.DesiredAcceptRate),
            ["algorithm"] = "hmc",
            ["engine"] = kernel is IReportsAcceptStatistic ? "nuts" : "static",
            ["metric"] = metric,
            ["stepsize"] = CmdStanNumber.Format(run.StepSize),
            ["id"] = (chain + 1).ToString(invariant),
            ["seed"] = seed.ToString(invariant),
            ["sampler"] = sampler.ToString(),
        };
        if (kernel is IReportsAcceptStatistic tree) settings["max_depth"] = tree.MaxTreeDepth.ToString(invariant);
        bool fixedPoint = kernel is IHasFixedPointStatistics { SolvesFixedPoints: true };
        return new CsvDrawSink(new CmdStanCsvWriter(PathOfChain(run.CsvPath, chain - run.FirstChain, chains, run.FirstChain), names, settings,
            fixedPointColumns: fixedPoint));
    }

    /// <summary>One sink writing to both, or whichever is not null.</summary>
    public static IDrawSink? Combine(IDrawSink? first, IDrawSink? second) =>
        first is null ? second : second is null ? first : new PairSink(first, second);

    /// <summary>The file of chain <paramref name="chain"/> (0-based) of the <paramref name="chains"/> a call runs from chain
    /// <paramref name="firstChain"/> of the whole run on: the path itself when the call runs one chain, else
    /// <c>name_k.ext</c> with k the chain's id in the whole run (<paramref name="firstChain"/> + <paramref name="chain"/> + 1).</summary>
    public static string PathOfChain(string path, int chain, int chains, int firstChain = 0)
    {
        if (chains == 1) return path;
        string directory = Path.GetDirectoryName(path) ?? "";
        string name = Path.GetFileNameWithoutExtension(path), extension = Path.GetExtension(path);
        return Path.Combine(directory, $"{name}_{firstChain + chain + 1}{extension}");
    }

    private sealed class PairSink(IDrawSink first, IDrawSink second) : IDrawSink
    {
        public void WriteAdaptation(double stepSize, IEuclideanMetric? metric)
        {
            first.WriteAdaptation(stepSize, metric);
            second.WriteAdaptation(stepSize, metric);
        }

        public void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position)
        {
            first.WriteDraw(statistics, position);
            second.WriteDraw(statistics, position);
        }

        public void WriteElapsedTime(TimeSpan warmUp, TimeSpan sampling)
        {
            first.WriteElapsedTime(warmUp, sampling);
            second.WriteElapsedTime(warmUp, sampling);
        }

        public void Dispose()
        {
        }
    }

    private sealed class CsvDrawSink(CmdStanCsvWriter writer) : IDrawSink
    {
        public void WriteAdaptation(double stepSize, IEuclideanMetric? metric) => writer.WriteAdaptation(stepSize, metric);

        public void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position) => writer.WriteDraw(statistics, position);

        public void WriteElapsedTime(TimeSpan warmUp, TimeSpan sampling) => writer.WriteElapsedTime(warmUp, sampling);

        public void Dispose() => writer.Dispose();
    }
}
