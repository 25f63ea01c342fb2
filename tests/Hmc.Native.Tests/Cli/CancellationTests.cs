using System.Diagnostics;
using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Reporting;

namespace Hmc.Native.Tests.Cli;

/// <summary>
/// The built <c>hmc</c> runs as a child process and gets a real SIGTERM or SIGINT from <c>kill</c> while it writes CSV:
/// it must stop on a complete row, close each file with its timing comment, print the summary of the draws so far and
/// exit with the signal's code.
/// </summary>
[Platform(Exclude = "Win")]
public class CancellationTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("hmc-cancel-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase("TERM", ExitCodes.Terminated)]
    [TestCase("INT", ExitCodes.Interrupted)]
    public void ASignalStopsTheRunOnCompleteRowsWithItsSummaryAndExitCode(string signal, int expectedCode)
    {
        string csv = Path.Combine(_directory, "draws.csv");
        string[] chains = [Path.Combine(_directory, "draws_1.csv"), Path.Combine(_directory, "draws_2.csv")];
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "hmc.dll"), "sample", "gaussian", "--samples", "10000000", "--chains", "2", "--csv", csv, "--quiet" })
            start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            // The writer flushes every 100 rows: wait until both chains have flushed a few hundred.
            while (!chains.All(path => File.Exists(path) && File.ReadLines(path).Count(l => !l.StartsWith('#')) > 300))
            {
                Assert.That(child.HasExited, Is.False, () => $"hmc exited before the signal: {error.Result}");
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(120)), "no rows within 120 s");
                Thread.Sleep(50);
            }
            using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            Assert.That(child.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, "hmc did not stop within 60 s of the signal");
        }
        finally
        {
            if (!child.HasExited) child.Kill();
        }

        Assert.That(child.ExitCode, Is.EqualTo(expectedCode), error.Result);
        Assert.That(output.Result, Does.Contain("ESS_bulk").And.Contain("theta.3"), "the summary of the draws so far");
        Assert.That(output.Result, Does.Contain("Cancelled:"));
        foreach (string path in chains)
        {
            var read = CmdStanCsvReader.Read(path);
            Assert.That(read.DrawCount, Is.GreaterThan(300).And.LessThan(10_000_000), path);
            Assert.That(read.Column("theta.3").ToArray(), Has.All.Matches<double>(double.IsFinite), path);
            var lines = File.ReadAllLines(path);
            int timing = Array.FindIndex(lines, l => l.StartsWith("#  Elapsed Time:", StringComparison.Ordinal));
            Assert.That(timing, Is.GreaterThan(0), $"{path} has the timing comment");
            Assert.That(lines[timing - 2], Does.Not.StartWith("#"), "the timing block follows the last row");
            Assert.That(lines[(timing + 1)..], Has.All.StartWith("#"), "nothing but the timing block after the last row");
            Assert.That(lines[^2], Does.Contain("seconds (Total)"));
        }
    }
}
