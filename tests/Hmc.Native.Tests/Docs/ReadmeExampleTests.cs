namespace Hmc.Native.Tests.Docs;

/// <summary>
/// The README's first C# example is the code that tests/Hmc.Native.PackageTests runs against the packed Hmc.Native
/// (between <c>// doc:begin readme-first-example</c> and its end): changing one without the other fails.
/// </summary>
public class ReadmeExampleTests
{
    [Test]
    public void TheReadmesFirstExampleIsWhatThePackageTestRuns()
    {
        string root = DocExamples.RepositoryRoot();
        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        int start = Array.FindIndex(readme, l => l.Trim() == "```csharp");
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "README.md has a C# example");
        int end = Array.FindIndex(readme, start + 1, l => l.Trim() == "```");
        var shown = readme[(start + 1)..end].Select(l => l.Trim()).ToList();

        string program = Path.Combine(root, "tests", "Hmc.Native.PackageTests", "Program.cs");
        var run = DocExamples.FromSource(program).Single(e => e.Name == "readme-first-example");
        Assert.That(string.Join("\n", shown).Trim('\n'), Is.EqualTo(run.Text));
    }
}
