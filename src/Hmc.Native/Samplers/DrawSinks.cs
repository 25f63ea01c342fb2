using Hmc.Native.Reporting;

namespace Hmc.Native.Samplers;

/// <summary>Creates the draw sink a run's options ask for: a CmdStan CSV file per chain when <see cref="SampleOptions.CsvPath"/> is set.</summary>
internal static class DrawSinks
{
    /// <summary>The sink of chain <paramref name="chain"/>, or null when the options ask for none.</summary>
    public static IDrawSink? Create(SampleOptions options, IReadOnlyList<string> names, int chain, int chains)
    {
        if (options.CsvPath is null) return null;
        var settings = new Dictionary<string, string>
        {
            ["algorithm"] = "hmc",
            ["engine"] = options.Sampler == Sampler.Nuts ? "nuts" : "static",
            ["num_samples"] = options.NumSamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["num_warmup"] = options.Burn.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["thin"] = options.Thin.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["id"] = (chain + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sampler"] = options.Sampler.ToString(),
        };
        return new CsvDrawSink(new CmdStanCsvWriter(PathOfChain(options.CsvPath, chain, chains), names, settings));
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
        public void WriteAdaptation(double stepSize, ReadOnlySpan<double> inverseMassDiagonal)
        {
            first.WriteAdaptation(stepSize, inverseMassDiagonal);
            second.WriteAdaptation(stepSize, inverseMassDiagonal);
        }

        public void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position)
        {
            first.WriteDraw(statistics, position);
            second.WriteDraw(statistics, position);
        }

        public void Dispose()
        {
        }
    }

    private sealed class CsvDrawSink(CmdStanCsvWriter writer) : IDrawSink
    {
        public void WriteAdaptation(double stepSize, ReadOnlySpan<double> inverseMassDiagonal) => writer.WriteAdaptation(stepSize, inverseMassDiagonal);

        public void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position) => writer.WriteDraw(statistics, position);

        public void Dispose() => writer.Dispose();
    }
}
