using Hmc.Native.Metrics;
using Hmc.Native.Reporting;

namespace Hmc.Native.Samplers;

/// <summary>Creates the draw sink a run asks for: a CmdStan CSV file per chain when <see cref="SampleOptions.CsvPath"/> is set.</summary>
internal static class DrawSinks
{
    /// <summary>
    /// The sink of chain <paramref name="chain"/>, or null when the run asks for none. The CSV header states the real
    /// engine (<c>nuts</c> for a kernel that reports an accept statistic over a tree, else <c>static</c>) and metric, and
    /// the file has the fixed-point columns when the kernel solves fixed points.
    /// </summary>
    public static IDrawSink? Create(RunOptions run, Sampler sampler, ITransitionKernel kernel, string metric, IReadOnlyList<string> names, int chain, int chains)
    {
        if (run.CsvPath is null) return null;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var settings = new Dictionary<string, string>
        {
            ["algorithm"] = "hmc",
            ["engine"] = kernel is IReportsAcceptStatistic ? "nuts" : "static",
            ["metric"] = metric,
            ["num_samples"] = run.NumSamples.ToString(invariant),
            ["num_warmup"] = run.Burn.ToString(invariant),
            ["thin"] = run.Thin.ToString(invariant),
            ["id"] = (chain + 1).ToString(invariant),
            ["sampler"] = sampler.ToString(),
        };
        if (kernel is IReportsAcceptStatistic tree) settings["max_depth"] = tree.MaxTreeDepth.ToString(invariant);
        bool fixedPoint = kernel is IHasFixedPointStatistics { SolvesFixedPoints: true };
        return new CsvDrawSink(new CmdStanCsvWriter(PathOfChain(run.CsvPath, chain, chains), names, settings, fixedPointColumns: fixedPoint));
    }

    /// <summary>One sink writing to both, or whichever is not null.</summary>
    public static IDrawSink? Combine(IDrawSink? first, IDrawSink? second) =>
        first is null ? second : second is null ? first : new PairSink(first, second);

    /// <summary>The file of chain <paramref name="chain"/>: the path itself for one chain, else <c>name_k.ext</c> (k from 1).</summary>
    public static string PathOfChain(string path, int chain, int chains)
    {
        if (chains == 1) return path;
        string directory = Path.GetDirectoryName(path) ?? "";
        string name = Path.GetFileNameWithoutExtension(path), extension = Path.GetExtension(path);
        return Path.Combine(directory, $"{name}_{chain + 1}{extension}");
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
