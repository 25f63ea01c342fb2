using System.Text.Json;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// The data of a posteriordb posterior, read from its <c>data.json</c> (the object Stan's <c>data</c> block reads:
/// integers, reals, arrays and row-major nested arrays for matrices). Each accessor checks that the entry exists and
/// has the kind the Stan program declares, and names the entry and the file when it does not.
/// </summary>
public sealed class PosteriorData
{
    private readonly Dictionary<string, JsonElement> _entries;

    private PosteriorData(string path, Dictionary<string, JsonElement> entries)
    {
        Path = path;
        _entries = entries;
    }

    /// <summary>The file the data came from.</summary>
    public string Path { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a JSON object.</exception>
    public static PosteriorData Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No posteriordb data file at {path}.", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{path}: the data must be a JSON object of named entries; it is a {document.RootElement.ValueKind}.");
        var entries = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        return new PosteriorData(path, entries);
    }

    /// <summary>The integer entry <paramref name="name"/> (Stan's <c>int</c>).</summary>
    public int Int(string name)
    {
        var e = Entry(name);
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int value))
            throw Invalid(name, "an integer", e);
        return value;
    }

    /// <summary>The real entry <paramref name="name"/> (Stan's <c>real</c>).</summary>
    public double Real(string name) => Number(name, Entry(name));

    /// <summary>The array entry <paramref name="name"/> as reals (Stan's <c>vector[N]</c>, <c>array[N] real</c> or <c>array[N] int</c>).</summary>
    public double[] Vector(string name)
    {
        var e = Entry(name);
        if (e.ValueKind != JsonValueKind.Array) throw Invalid(name, "an array", e);
        return e.EnumerateArray().Select(v => Number(name, v)).ToArray();
    }

    /// <summary>The vector entry <paramref name="name"/>, checked to have <paramref name="length"/> elements (the size its declaration gives).</summary>
    public double[] Vector(string name, int length)
    {
        var values = Vector(name);
        if (values.Length != length)
            throw new InvalidDataException($"{Path}: '{name}' has {values.Length} elements; the program declares {length}.");
        return values;
    }

    /// <summary>The matrix entry <paramref name="name"/> (Stan's <c>matrix[N, K]</c>, a list of N rows of K reals), checked against the declared size.</summary>
    public double[,] Matrix(string name, int rows, int columns)
    {
        var e = Entry(name);
        if (e.ValueKind != JsonValueKind.Array) throw Invalid(name, "an array of rows", e);
        var list = e.EnumerateArray().ToList();
        if (list.Count != rows) throw new InvalidDataException($"{Path}: '{name}' has {list.Count} rows; the program declares {rows}.");
        var matrix = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            if (list[i].ValueKind != JsonValueKind.Array || list[i].GetArrayLength() != columns)
                throw new InvalidDataException($"{Path}: row {i + 1} of '{name}' is not an array of {columns} numbers.");
            int j = 0;
            foreach (var v in list[i].EnumerateArray()) matrix[i, j++] = Number(name, v);
        }
        return matrix;
    }

    private JsonElement Entry(string name) =>
        _entries.TryGetValue(name, out var e)
            ? e
            : throw new InvalidDataException($"{Path}: no entry '{name}'; the file has {string.Join(", ", _entries.Keys.Select(k => $"'{k}'"))}.");

    private double Number(string name, JsonElement e) =>
        e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw Invalid(name, "numbers", e);

    private InvalidDataException Invalid(string name, string expected, JsonElement e) =>
        new($"{Path}: '{name}' should be {expected}; found a {e.ValueKind}.");
}
