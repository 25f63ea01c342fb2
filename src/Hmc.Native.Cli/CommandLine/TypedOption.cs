using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Hmc.Native.Cli.CommandLine;

/// <summary>
/// The typed options of the <c>hmc</c> commands, built on System.CommandLine's <see cref="Option{T}"/>: each parses its
/// value with the invariant culture, checks its range, and says what is wrong in one line naming the option (exit
/// code 2). An option with a default shows it in <c>--help</c>; an optional one (no default) leaves the choice to the
/// library, as its description says.
/// </summary>
public static class TypedOption
{
    /// <summary>An integer option of at least <paramref name="min"/>.</summary>
    public static Option<int> Int(string name, int defaultValue, string description, int min = int.MinValue) =>
        new(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => defaultValue, CustomParser = r => ParseInt(r, name, min) };

    /// <summary>An integer option of at least <paramref name="min"/> with no default (null when absent).</summary>
    public static Option<int?> OptionalInt(string name, string description, int min = int.MinValue) =>
        new(name) { Description = description, HelpName = "N", CustomParser = r => ParseInt(r, name, min) };

    /// <summary>A finite floating-point option, strictly positive when <paramref name="positive"/>.</summary>
    public static Option<double> Double(string name, double defaultValue, string description, bool positive = false) =>
        new(name) { Description = description, HelpName = "X", DefaultValueFactory = _ => defaultValue, CustomParser = r => ParseDouble(r, name, positive) };

    /// <summary>A finite floating-point option with no default (null when absent), strictly positive when <paramref name="positive"/>.</summary>
    public static Option<double?> OptionalDouble(string name, string description, bool positive = false) =>
        new(name) { Description = description, HelpName = "X", CustomParser = r => ParseDouble(r, name, positive) };

    /// <summary>
    /// <c>--seed</c>: any 64-bit unsigned integer, so that the seed a run reports (<see cref="Samplers.SamplingResult.Seed"/>)
    /// can be passed back to repeat it.
    /// </summary>
    public static Option<ulong> Seed(ulong defaultValue) =>
        new("--seed")
        {
            Description = "the seed of the run's random streams (0 to 18446744073709551615)",
            HelpName = "S",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                string value = r.Tokens[0].Value;
                if (ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)) return seed;
                r.AddError($"--seed expects an integer from 0 to {ulong.MaxValue}, got '{value}'");
                return 0;
            },
        };

    /// <summary>A text option such as a path, shown as <c>--name &lt;helpName&gt;</c>; null when absent and no default is given.</summary>
    public static Option<string?> Text(string name, string helpName, string description, string? defaultValue = null)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>A switch: true when given.</summary>
    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    /// <summary>
    /// An option whose value is one of the names of <paramref name="choices"/> (case-insensitive), shown and completed
    /// by name; the default is the choice named <paramref name="defaultName"/>.
    /// </summary>
    public static Option<Choice<T>> Choice<T>(string name, string defaultName, string description, IReadOnlyDictionary<string, T> choices)
    {
        var fallback = new Choice<T>(defaultName, choices[defaultName]);
        var option = new Option<Choice<T>>(name)
        {
            Description = description, HelpName = string.Join("|", choices.Keys), DefaultValueFactory = _ => fallback,
            CustomParser = r => ParseChoice(r, name, choices) ?? fallback,
        };
        option.CompletionSources.Add([.. choices.Keys]);
        return option;
    }

    /// <summary>An option whose value is one of the names of <paramref name="choices"/>, with no default (null when absent).</summary>
    public static Option<Choice<T>?> OptionalChoice<T>(string name, string description, IReadOnlyDictionary<string, T> choices)
    {
        var option = new Option<Choice<T>?>(name)
        {
            Description = description, HelpName = string.Join("|", choices.Keys), CustomParser = r => ParseChoice(r, name, choices),
        };
        option.CompletionSources.Add([.. choices.Keys]);
        return option;
    }

    private static int ParseInt(ArgumentResult result, string name, int min)
    {
        string value = result.Tokens[0].Value;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed))
            result.AddError($"{name} expects an integer, got '{value}'");
        else if (parsed < min)
            result.AddError($"{name} must be at least {min}, got {parsed}");
        return parsed;
    }

    private static double ParseDouble(ArgumentResult result, string name, bool positive)
    {
        string value = result.Tokens[0].Value;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) || !double.IsFinite(parsed))
            result.AddError($"{name} expects a number, got '{value}'");
        else if (positive && parsed <= 0)
            result.AddError($"{name} must be positive, got {value}");
        return parsed;
    }

    private static Choice<T>? ParseChoice<T>(ArgumentResult result, string name, IReadOnlyDictionary<string, T> choices)
    {
        string value = result.Tokens[0].Value;
        foreach (var (key, choice) in choices)
            if (string.Equals(key, value, StringComparison.OrdinalIgnoreCase)) return new Choice<T>(key, choice);
        result.AddError($"{name} expects one of {string.Join("|", choices.Keys)}, got '{value}'");
        return null;
    }
}
