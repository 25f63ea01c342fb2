using System.Globalization;

namespace Hmc.Native.Cli.CommandLine;

/// <summary>
/// The flags of one command: <c>--name value</c> pairs and bare switches, checked against the flags the command
/// declares. Every lookup is typed; a missing or malformed value is a <see cref="UsageException"/>.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="args"/> given the flags that take a value and the bare switches.</summary>
    public Arguments(IReadOnlyList<string> args, IEnumerable<string> valueFlags, IEnumerable<string>? switches = null)
    {
        var values = new HashSet<string>(valueFlags, StringComparer.Ordinal);
        var bare = new HashSet<string>(switches ?? [], StringComparer.Ordinal);
        var positional = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(a);
                continue;
            }
            string name = a[2..];
            string? inline = null;
            int eq = name.IndexOf('=');
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            if (bare.Contains(name))
            {
                _flags[name] = null;
                continue;
            }
            if (!values.Contains(name)) throw new UsageException($"unknown flag --{name}");
            if (inline is null)
            {
                if (i + 1 >= args.Count) throw new UsageException($"flag --{name} needs a value");
                inline = args[++i];
            }
            _flags[name] = inline;
        }
        Positional = positional;
    }

    /// <summary>The arguments that are not flags, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>True when the switch or flag was given.</summary>
    public bool Has(string name) => _flags.ContainsKey(name);

    /// <summary>The string value of a flag, or <paramref name="fallback"/>.</summary>
    public string? String(string name, string? fallback = null) => _flags.TryGetValue(name, out var v) ? v : fallback;

    /// <summary>An integer flag, at least <paramref name="min"/>.</summary>
    public int Int(string name, int fallback, int min = int.MinValue)
    {
        if (!_flags.TryGetValue(name, out var v)) return fallback;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int r)) throw new UsageException($"--{name} expects an integer, got '{v}'");
        if (r < min) throw new UsageException($"--{name} must be at least {min}, got {r}");
        return r;
    }

    /// <summary>An optional integer flag.</summary>
    public int? OptionalInt(string name, int min = int.MinValue) => Has(name) ? Int(name, 0, min) : null;

    /// <summary>A finite floating-point flag, strictly positive when <paramref name="positive"/>.</summary>
    public double Double(string name, double fallback, bool positive = false)
    {
        if (!_flags.TryGetValue(name, out var v)) return fallback;
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) || !double.IsFinite(r))
            throw new UsageException($"--{name} expects a number, got '{v}'");
        if (positive && r <= 0) throw new UsageException($"--{name} must be positive, got {v}");
        return r;
    }

    /// <summary>An optional floating-point flag.</summary>
    public double? OptionalDouble(string name, bool positive = false) => Has(name) ? Double(name, 0, positive) : null;

    /// <summary>An enumerated flag whose value is one of <paramref name="choices"/> (keys, case-insensitive).</summary>
    public T Choice<T>(string name, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        if (!_flags.TryGetValue(name, out var v)) return fallback;
        foreach (var (key, value) in choices)
            if (string.Equals(key, v, StringComparison.OrdinalIgnoreCase)) return value;
        throw new UsageException($"--{name} expects one of {string.Join("|", choices.Keys)}, got '{v}'");
    }
}
