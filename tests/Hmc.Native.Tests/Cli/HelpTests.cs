using System.CommandLine;
using Hmc.Native.Cli;
using Hmc.Native.Cli.CommandLine;

namespace Hmc.Native.Tests.Cli;

public class HelpTests
{
    private static IEnumerable<string> CommandNames() => Program.CreateRootCommand().Subcommands.Select(c => c.Name);

    private static (int Code, string Output, string Error) Run(params string[] args) => CommandLineTests.Run(args);

    [TestCaseSource(nameof(CommandNames))]
    public void HelpOfEveryCommandNamesEachOptionWithItsDefault(string name)
    {
        var command = Program.CreateRootCommand().Subcommands.Single(c => c.Name == name);
        var (code, output, error) = Run(name, "--help");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        foreach (var option in command.Options)
        {
            Assert.That(output, Does.Contain(option.Name), $"hmc {name} --help names {option.Name}");
            // A switch is off unless given; the library shows no default for it.
            if (!option.HasDefaultValue || option.ValueType == typeof(bool)) continue;
            string line = output.Split('\n').Single(l => l.TrimStart().StartsWith(option.Name + " ", StringComparison.Ordinal));
            Assert.That(line, Does.Contain($"[default: {option.GetDefaultValue()}]"), $"the line of {option.Name} shows its default");
        }
    }

    [Test]
    public void TheRootHelpListsEveryCommandAndTheExitCodes()
    {
        var (code, output, _) = Run("--help");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        foreach (string name in CommandNames()) Assert.That(output, Does.Contain(name));
        Assert.That(output, Does.Contain("130").And.Contain("143").And.Contain("2 bad command line"));
        Assert.That(Run("help", "sample").Output, Does.Contain("--max-tree-depth"), "hmc help COMMAND is hmc COMMAND --help");
    }

    [Test]
    public void NoCommandPrintsTheHelpAndExitsWithTheUsageCode()
    {
        var (code, output, _) = Run();
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(output, Does.Contain("sample"));
    }

    [Test]
    public void ChoicesShowTheirDefaultByTheNameTheyAreTypedWith()
    {
        var (_, output, _) = Run("sample", "--help");
        Assert.That(output, Does.Contain("--sampler <hmc|nuts|rmhmc>").And.Contain("[default: hmc]"));
        Assert.That(output, Does.Contain("--integrator <implicit|explicit|explicit-sequential>").And.Contain("[default: implicit]"));
    }

    [Test]
    public void ASixtyFourBitSeedIsAccepted()
    {
        var (code, output, error) = Run("sample", "gaussian", "--samples", "20", "--chains", "1", "--seed", ulong.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Does.Contain("theta.1"));
        var (bad, _, message) = Run("sample", "gaussian", "--seed", "-1");
        Assert.That(bad, Is.EqualTo(ExitCodes.Usage));
        Assert.That(message, Does.Contain("--seed expects an integer from 0 to 18446744073709551615, got '-1'"));
    }

    [Test]
    public void TheSuggestDirectiveCompletesOptionsAndChoices()
    {
        var (code, output) = Suggest("sample --sampl");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Is.EquivalentTo(new[] { "--sampler", "--samples" }));
        Assert.That(Suggest("sample gaussian --mass ").Completions, Is.EquivalentTo(new[] { "unit", "diag", "dense" }));
        Assert.That(Suggest("sample gaussian --sampler r").Completions, Is.EquivalentTo(new[] { "rmhmc" }));
        Assert.That(Suggest("sample f").Completions, Does.Contain("funnel"), "the targets complete too");
    }

    /// <summary>What <c>hmc [suggest:N] LINE</c> answers with the cursor at the end of <paramref name="line"/>, as <c>dotnet-suggest</c> asks it.</summary>
    private static (int Code, string[] Completions) Suggest(string line)
    {
        var (code, output, _) = Run($"[suggest:{line.Length}]", line);
        return (code, output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }
}
