using Hmc.Native.Samplers;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// The warm-up schemes a posteriordb run can choose by name, each as the change it makes to the NUTS options: the
/// one place that maps <c>--adaptation</c> names to options. <c>stan</c> is Stan's windowed adaptation (Stan
/// Reference Manual, "HMC algorithm parameters": dual averaging of the step size and a diagonal mass matrix from the
/// draws of growing windows), the library's NUTS warm-up.
/// </summary>
public static class AdaptationChoice
{
    /// <summary>The scheme used when none is named.</summary>
    public const string Default = "stan";

    /// <summary>The schemes by name.</summary>
    public static IReadOnlyDictionary<string, Func<SampleOptions, SampleOptions>> All { get; } = new Dictionary<string, Func<SampleOptions, SampleOptions>>(StringComparer.OrdinalIgnoreCase)
    {
        ["stan"] = options => options,
    };

    /// <summary><paramref name="options"/> with the warm-up named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No scheme has that name; the message lists those there are.</exception>
    public static SampleOptions Apply(string name, SampleOptions options) =>
        All.TryGetValue(name, out var apply)
            ? apply(options)
            : throw new ArgumentException($"No warm-up scheme '{name}'; there are {string.Join(", ", All.Keys)}.", nameof(name));
}
