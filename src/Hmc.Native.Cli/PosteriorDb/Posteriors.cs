namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>The posteriordb posteriors written as models, by folder name.</summary>
public static class Posteriors
{
    /// <summary>All of them, in the folders' alphabetical order.</summary>
    public static IReadOnlyList<PosteriorDefinition> All { get; } =
    [
        ArK.Definition, Diamonds.Definition, Earnings.Definition, EightSchools.Definition, Garch.Definition,
        GpPoissonRegression.Definition, KidIq.Definition, Kilpisjarvi.Definition, LowDimensionalGaussianMixture.Definition,
        Mesquite.Definition, Nes.Definition, Sblrc.Definition,
    ];

    /// <summary>The posterior of folder name <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No posterior has that name; the message lists those there are.</exception>
    public static PosteriorDefinition Named(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"No posterior '{name}'; there are {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));
}
