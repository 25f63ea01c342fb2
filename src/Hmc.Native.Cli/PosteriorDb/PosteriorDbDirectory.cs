namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// Where the posteriordb folders are: a directory given explicitly, else the <c>HMC_POSTERIORDB</c> environment
/// variable, else <c>../shared/posteriordb</c> beside the repository (the folder that holds <c>Hmc.Native.sln</c>),
/// searched upwards from the current directory and from the running program's directory.
/// </summary>
public static class PosteriorDbDirectory
{
    /// <summary>The environment variable that names the directory.</summary>
    public const string EnvironmentVariable = "HMC_POSTERIORDB";

    /// <summary>The directory, or null when none is given and none is found.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory given (explicitly or by the environment) does not exist.</exception>
    public static string? Find(string? given = null)
    {
        if (given is not null) return Existing(given, "--data");
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment) return Existing(fromEnvironment, EnvironmentVariable);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Hmc.Native.sln")))
                {
                    var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "posteriordb"));
                    if (Directory.Exists(candidate)) return candidate;
                    break;
                }
        return null;
    }

    /// <summary>The folder of posterior <paramref name="name"/> under <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">It does not exist.</exception>
    public static string PosteriorFolder(string directory, string name)
    {
        var folder = Path.Combine(directory, name);
        return Directory.Exists(folder) ? folder : throw new DirectoryNotFoundException($"No folder '{name}' in the posteriordb directory {directory}.");
    }

    private static string Existing(string path, string source) =>
        Directory.Exists(path) ? Path.GetFullPath(path) : throw new DirectoryNotFoundException($"The posteriordb directory {path} (from {source}) does not exist.");
}
