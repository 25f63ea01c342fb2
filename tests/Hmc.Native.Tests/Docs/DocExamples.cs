namespace Hmc.Native.Tests.Docs;

/// <summary>One code example: its name, its lines without leading indentation, and where it was found.</summary>
/// <param name="Name">The name after <c>example:</c> or <c>doc:begin</c>.</param>
/// <param name="Lines">The code, each line trimmed of leading and trailing white space, blank lines at both ends removed.</param>
/// <param name="Location">File and line of the marker, for messages.</param>
internal sealed record DocExample(string Name, IReadOnlyList<string> Lines, string Location)
{
    /// <summary>The code as one string, for messages and comparisons.</summary>
    public string Text => string.Join("\n", Lines);
}

/// <summary>
/// Finds the code examples of the guides in <c>docs/</c> and of the test files that run them. A guide marks a C#
/// block with an HTML comment on the line before the fence:
/// <code>
/// &lt;!-- example: NAME --&gt;
/// ```csharp
/// ...
/// ```
/// </code>
/// A test file marks the same code with the comment lines <c>// doc:begin NAME</c> and <c>// doc:end NAME</c>.
/// </summary>
internal static class DocExamples
{
    private const string MarkdownMarkerStart = "<!-- example:";
    private const string MarkdownMarkerEnd = "-->";
    private const string SourceBegin = "// doc:begin ";
    private const string SourceEnd = "// doc:end ";

    /// <summary>The repository root: the first ancestor of the test binaries holding Hmc.Native.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hmc.Native.sln"))) return dir.FullName;
        throw new InvalidOperationException("Hmc.Native.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The folder of the guides.</summary>
    public static string DocsDirectory => Path.Combine(RepositoryRoot(), "docs");

    /// <summary>The folder of the test files that hold the guides' examples.</summary>
    public static string ExamplesDirectory => Path.Combine(RepositoryRoot(), "tests", "Hmc.Native.Tests", "Docs");

    /// <summary>Every guide, docs/*.md, sorted by name.</summary>
    public static IReadOnlyList<string> Guides() =>
        Directory.Exists(DocsDirectory) ? [.. Directory.GetFiles(DocsDirectory, "*.md").Order(StringComparer.Ordinal)] : [];

    /// <summary>The marked C# blocks of a guide.</summary>
    /// <exception cref="FormatException">A marker is not followed by a C# fence, a fence is not closed, or a C# block has no marker.</exception>
    public static IReadOnlyList<DocExample> FromMarkdown(string path)
    {
        var lines = File.ReadAllLines(path);
        string file = Path.GetFileName(path);
        var examples = new List<DocExample>();
        string? pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.StartsWith(MarkdownMarkerStart, StringComparison.Ordinal))
            {
                if (!line.EndsWith(MarkdownMarkerEnd, StringComparison.Ordinal))
                    throw new FormatException($"{file}:{i + 1}: an example marker must be one line, <!-- example: NAME -->.");
                pending = line[MarkdownMarkerStart.Length..^MarkdownMarkerEnd.Length].Trim();
                pendingLine = i + 1;
                continue;
            }
            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                if (pending is not null && line.Length > 0)
                    throw new FormatException($"{file}:{pendingLine}: the example marker '{pending}' must be followed by a ```csharp block.");
                continue;
            }
            string language = line[3..].Trim();
            int end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            if (end < 0) throw new FormatException($"{file}:{i + 1}: the code block is not closed.");
            if (language is "csharp" or "cs" or "c#")
            {
                if (pending is null)
                    throw new FormatException($"{file}:{i + 1}: a C# block without an <!-- example: NAME --> marker is not checked against the tests.");
                examples.Add(new DocExample(pending, Normalize(lines.AsSpan(i + 1, end - i - 1)), $"{file}:{pendingLine}"));
            }
            else if (pending is not null)
            {
                throw new FormatException($"{file}:{pendingLine}: the example marker '{pending}' must be followed by a ```csharp block, not ```{language}.");
            }
            pending = null;
            i = end;
        }
        if (pending is not null) throw new FormatException($"{file}:{pendingLine}: the example marker '{pending}' is not followed by a code block.");
        return examples;
    }

    /// <summary>The regions between <c>// doc:begin NAME</c> and <c>// doc:end NAME</c> of a C# file.</summary>
    /// <exception cref="FormatException">A region is nested, not closed, or closed under another name.</exception>
    public static IReadOnlyList<DocExample> FromSource(string path)
    {
        var lines = File.ReadAllLines(path);
        string file = Path.GetFileName(path);
        var examples = new List<DocExample>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.StartsWith(SourceEnd, StringComparison.Ordinal))
                throw new FormatException($"{file}:{i + 1}: '{line}' closes no region.");
            if (!line.StartsWith(SourceBegin, StringComparison.Ordinal)) continue;
            string name = line[SourceBegin.Length..].Trim();
            int end = -1;
            for (int j = i + 1; j < lines.Length && end < 0; j++)
            {
                string inner = lines[j].Trim();
                if (inner.StartsWith(SourceBegin, StringComparison.Ordinal))
                    throw new FormatException($"{file}:{j + 1}: region '{name}' (line {i + 1}) is not closed before the next begins.");
                if (!inner.StartsWith(SourceEnd, StringComparison.Ordinal)) continue;
                string closed = inner[SourceEnd.Length..].Trim();
                if (closed != name) throw new FormatException($"{file}:{j + 1}: region '{name}' (line {i + 1}) is closed as '{closed}'.");
                end = j;
            }
            if (end < 0) throw new FormatException($"{file}:{i + 1}: region '{name}' is not closed.");
            examples.Add(new DocExample(name, Normalize(lines.AsSpan(i + 1, end - i - 1)), $"{file}:{i + 1}"));
            i = end;
        }
        return examples;
    }

    /// <summary>Every region of every C# file in the examples folder.</summary>
    public static IReadOnlyList<DocExample> AllSourceExamples() =>
        [.. Directory.GetFiles(ExamplesDirectory, "*.cs").Order(StringComparer.Ordinal).SelectMany(FromSource)];

    /// <summary>The first line at which two examples differ, described for a failure message.</summary>
    public static string FirstDifference(DocExample guide, DocExample source)
    {
        int n = Math.Max(guide.Lines.Count, source.Lines.Count);
        for (int i = 0; i < n; i++)
        {
            string? a = i < guide.Lines.Count ? guide.Lines[i] : null;
            string? b = i < source.Lines.Count ? source.Lines[i] : null;
            if (a != b)
                return $"line {i + 1} of example '{guide.Name}' differs:\n  {guide.Location}: {a ?? "(end of block)"}\n  {source.Location}: {b ?? "(end of region)"}";
        }
        return "no difference";
    }

    private static string[] Normalize(ReadOnlySpan<string> lines)
    {
        var trimmed = new List<string>(lines.Length);
        foreach (string line in lines) trimmed.Add(line.Trim());
        int first = trimmed.FindIndex(l => l.Length > 0);
        if (first < 0) return [];
        int last = trimmed.FindLastIndex(l => l.Length > 0);
        return [.. trimmed.GetRange(first, last - first + 1)];
    }
}
