using System.Globalization;

namespace Hmc.Native.Compare;

/// <summary>
/// <c>hmc-compare COMMAND</c>, the helper of <c>benchmarks/compare/run-comparison.sh</c>:
/// <c>covariance N SEED FILE</c> writes the ill-conditioned test covariance,
/// <c>table DIR</c> prints the comparison tables of a results folder,
/// <c>adaptation [SEEDS]</c> compares the warm-up schemes (<see cref="AdaptationComparison"/>),
/// <c>implicit-solves ALPHA TRAJECTORIES EPS...</c> counts the implicit integrator's breakdowns on the SoftAbs funnel.
/// </summary>
internal static class Commands
{
    private const string Usage = """
        usage: hmc-compare covariance N SEED FILE   N×N covariance, eigenvalues log-spaced 0.01..100, random rotation
               hmc-compare table DIR                markdown tables from the *.json and *.csv files of a comparison run
               hmc-compare adaptation [SEEDS]       ESS per gradient of the Stan, Diagonal and LowRank warm-ups (default 3 seeds)
               hmc-compare implicit-solves ALPHA TRAJECTORIES EPS...
                                                    breakdowns of the implicit leapfrog on the SoftAbs funnel (32 steps from exact draws)
        """;

    /// <summary>Runs one command; returns the exit code (0 ok, 1 failure, 2 bad usage).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            switch (args)
            {
                case ["covariance", var n, var seed, var path]:
                    CovarianceFile.Write(path, int.Parse(n, CultureInfo.InvariantCulture), int.Parse(seed, CultureInfo.InvariantCulture), 0.01, 100);
                    return 0;
                case ["table", var dir]:
                    output.Write(ComparisonTables.Format(dir));
                    return 0;
                case ["adaptation"]:
                    output.Write(AdaptationComparison.Format(3));
                    return 0;
                case ["adaptation", var seeds]:
                    output.Write(AdaptationComparison.Format(int.Parse(seeds, CultureInfo.InvariantCulture)));
                    return 0;
                case ["implicit-solves", var alpha, var trajectories, .. var steps] when steps.Length > 0:
                    FunnelImplicitSolves.Run(steps.Select(e => double.Parse(e, CultureInfo.InvariantCulture)).ToArray(),
                        int.Parse(trajectories, CultureInfo.InvariantCulture), double.Parse(alpha, CultureInfo.InvariantCulture), output);
                    return 0;
                default:
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception ex) when (ex is IOException or FormatException or InvalidDataException or ArgumentException or System.Text.Json.JsonException)
        {
            error.WriteLine($"hmc-compare: {ex.Message}");
            return 1;
        }
    }
}
