using System.Text.Json;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// posteriordb's reference draws of one posterior (<c>reference_draws.json</c>: a list of chains, each an object
/// mapping Stan's name of a value, <c>b[1]</c> or <c>sigma</c>, to its draws), with the names rewritten as CmdStan
/// writes them in CSV headers and as <see cref="Models.Model"/> reports them (<c>b.1</c>, <c>L.1.2</c>).
/// </summary>
public sealed class ReferenceDraws
{
    private readonly Dictionary<string, double[][]> _draws;

    private ReferenceDraws(IReadOnlyList<string> names, Dictionary<string, double[][]> draws)
    {
        Names = names;
        _draws = draws;
    }

    /// <summary>The values drawn, in the file's order, under CmdStan's names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The draws of <paramref name="name"/> as [chain][draw].</summary>
    /// <exception cref="KeyNotFoundException">The reference has no value of that name.</exception>
    public double[][] this[string name] =>
        _draws.TryGetValue(name, out var draws) ? draws : throw new KeyNotFoundException($"The reference draws have no '{name}'; they have {string.Join(", ", Names)}.");

    /// <summary>CmdStan's name of Stan's <paramref name="stanName"/>: <c>b[1]</c> → <c>b.1</c>, <c>L[2,1]</c> → <c>L.2.1</c>.</summary>
    public static string CmdStanName(string stanName)
    {
        int bracket = stanName.IndexOf('[');
        if (bracket < 0) return stanName;
        if (!stanName.EndsWith(']')) throw new InvalidDataException($"'{stanName}' is not a Stan name of an array element.");
        var indices = stanName[(bracket + 1)..^1].Split(',', StringSplitOptions.TrimEntries);
        return stanName[..bracket] + "." + string.Join('.', indices);
    }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">It is not a list of chains of equal length naming the same values.</exception>
    public static ReferenceDraws Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No reference draws at {path}.", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
            throw new InvalidDataException($"{path}: the reference draws must be a non-empty list of chains.");
        var chains = root.EnumerateArray().ToList();
        var names = chains[0].EnumerateObject().Select(p => p.Name).ToList();
        var draws = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        foreach (var stanName in names)
        {
            var perChain = new double[chains.Count][];
            for (int c = 0; c < chains.Count; c++)
            {
                if (!chains[c].TryGetProperty(stanName, out var values) || values.ValueKind != JsonValueKind.Array)
                    throw new InvalidDataException($"{path}: chain {c + 1} has no draws of '{stanName}'.");
                perChain[c] = values.EnumerateArray().Select(v => v.GetDouble()).ToArray();
                if (perChain[c].Length != perChain[0].Length)
                    throw new InvalidDataException($"{path}: chain {c + 1} has {perChain[c].Length} draws of '{stanName}'; chain 1 has {perChain[0].Length}.");
            }
            draws[CmdStanName(stanName)] = perChain;
        }
        return new ReferenceDraws(names.Select(CmdStanName).ToArray(), draws);
    }
}
