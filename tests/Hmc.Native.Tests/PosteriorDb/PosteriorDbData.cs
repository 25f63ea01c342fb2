using Hmc.Native.Cli.PosteriorDb;

namespace Hmc.Native.Tests.PosteriorDb;

/// <summary>The posteriordb folders for the tests, or an Ignore saying how to provide them.</summary>
internal static class PosteriorDbData
{
    /// <summary>The posteriordb directory (../shared/posteriordb beside the repository, or HMC_POSTERIORDB); ignores the test when it is absent.</summary>
    public static string DirectoryOrIgnore()
    {
        var directory = PosteriorDbDirectory.Find();
        if (directory is null)
            Assert.Ignore($"The posteriordb reference posteriors are not here: put them in ../shared/posteriordb beside the repository or name their directory in {PosteriorDbDirectory.EnvironmentVariable}.");
        return directory!;
    }

    /// <summary>The data of <paramref name="posterior"/>.</summary>
    public static PosteriorData Load(PosteriorDefinition posterior) =>
        PosteriorData.Load(Path.Combine(PosteriorDbDirectory.PosteriorFolder(DirectoryOrIgnore(), posterior.Name), "data.json"));
}
