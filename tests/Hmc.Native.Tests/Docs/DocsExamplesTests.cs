using System.Text.RegularExpressions;

namespace Hmc.Native.Tests.Docs;

/// <summary>
/// Keeps the guides in <c>docs/</c> and the tests that run their examples in step: every C# block of a guide is
/// marked with a name, and its text must equal the region of that name in <c>tests/Hmc.Native.Tests/Docs/</c>
/// (leading indentation aside), which the tests of that folder compile and run. Editing one without the other fails.
/// </summary>
public partial class DocsExamplesTests
{
    private static readonly string[] RequiredGuides =
    [
        "writing-a-log-density.md", "choosing-a-sampler.md", "bayesian-networks.md", "gpu.md", "reading-diagnostics.md", "models.md",
    ];

    private static IEnumerable<TestCaseData> Guides() =>
        DocExamples.Guides().Select(path => new TestCaseData(path).SetArgDisplayNames(Path.GetFileName(path)));

    [TestCaseSource(nameof(RequiredGuides))]
    public void TheGuideExistsAndHasExamples(string guide)
    {
        string path = Path.Combine(DocExamples.DocsDirectory, guide);
        Assert.That(File.Exists(path), Is.True, $"{path} is missing");
        Assert.That(DocExamples.FromMarkdown(path), Is.Not.Empty, $"{guide} has no marked C# example");
    }

    [TestCaseSource(nameof(Guides))]
    public void EveryExampleOfTheGuideIsTheCodeTheTestsRun(string guide)
    {
        var regions = DocExamples.AllSourceExamples().ToDictionary(e => e.Name);
        foreach (var example in DocExamples.FromMarkdown(guide))
        {
            Assert.That(regions.TryGetValue(example.Name, out var region), Is.True,
                $"{example.Location}: no region '// doc:begin {example.Name}' in {DocExamples.ExamplesDirectory}");
            Assert.That(example.Text, Is.EqualTo(region!.Text), DocExamples.FirstDifference(example, region));
        }
    }

    [Test]
    public void EveryRegionOfTheTestsIsShownInAGuide()
    {
        var shown = DocExamples.Guides().SelectMany(DocExamples.FromMarkdown).Select(e => e.Name).ToHashSet();
        var unshown = DocExamples.AllSourceExamples().Where(e => !shown.Contains(e.Name)).Select(e => $"{e.Name} ({e.Location})").ToList();
        Assert.That(unshown, Is.Empty, "regions that no guide shows");
    }

    [Test]
    public void ExampleNamesAreUnique()
    {
        var guideNames = DocExamples.Guides().SelectMany(DocExamples.FromMarkdown).GroupBy(e => e.Name).Where(g => g.Count() > 1);
        Assert.That(guideNames.Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Location))}"), Is.Empty, "names used by two blocks of the guides");
        var regionNames = DocExamples.AllSourceExamples().GroupBy(e => e.Name).Where(g => g.Count() > 1);
        Assert.That(regionNames.Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Location))}"), Is.Empty, "names used by two regions of the tests");
    }

    [TestCaseSource(nameof(Guides))]
    public void RelativeLinksOfTheGuideLeadToFiles(string guide)
    {
        string text = File.ReadAllText(guide);
        string directory = Path.GetDirectoryName(guide)!;
        foreach (Match link in MarkdownLink().Matches(text))
        {
            string target = link.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            string file = target.Split('#')[0];
            string full = Path.GetFullPath(Path.Combine(directory, file));
            Assert.That(File.Exists(full) || Directory.Exists(full), Is.True, $"{Path.GetFileName(guide)}: the link ({target}) leads nowhere");
        }
    }

    [Test]
    public void TheCheckerFindsAMismatch()
    {
        string directory = Directory.CreateTempSubdirectory("hmc-docs-").FullName;
        try
        {
            string guide = Path.Combine(directory, "guide.md");
            File.WriteAllText(guide, "Text.\n\n<!-- example: sum -->\n```csharp\nint Sum(int a, int b)\n{\n    return a + b;\n}\n```\n");
            string source = Path.Combine(directory, "Source.cs");
            File.WriteAllText(source, "class C\n{\n    // doc:begin sum\n    int Sum(int a, int b)\n    {\n        return a - b;\n    }\n    // doc:end sum\n}\n");
            var fromGuide = DocExamples.FromMarkdown(guide).Single();
            var fromSource = DocExamples.FromSource(source).Single();
            Assert.That(fromGuide.Name, Is.EqualTo("sum"));
            Assert.That(fromGuide.Lines, Has.Count.EqualTo(4), "indentation is ignored, lines are kept");
            Assert.That(fromGuide.Text, Is.Not.EqualTo(fromSource.Text));
            Assert.That(DocExamples.FirstDifference(fromGuide, fromSource), Does.Contain("line 3").And.Contain("return a - b;"));

            File.WriteAllText(guide, "```csharp\nvar x = 1;\n```\n");
            Assert.That(() => DocExamples.FromMarkdown(guide), Throws.TypeOf<FormatException>().With.Message.Contains("without an <!-- example: NAME --> marker"));
            File.WriteAllText(source, "// doc:begin a\nint x;\n// doc:end b\n");
            Assert.That(() => DocExamples.FromSource(source), Throws.TypeOf<FormatException>().With.Message.Contains("closed as 'b'"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
