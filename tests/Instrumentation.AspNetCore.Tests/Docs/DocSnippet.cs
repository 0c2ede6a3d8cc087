using System.Text;
using System.Text.RegularExpressions;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Docs;

/// <summary>
/// One <c>```csharp</c> block of README.md, docs/*.md or samples/*/README.md, found by its file and the line of its
/// opening fence. <c>```csharp no-compile</c> marks a block that is deliberately not compiled.
/// </summary>
internal sealed partial record DocSnippet(string File, int Line, string Code, bool NoCompile)
{
    /// <summary>Where the block is, as <c>docs/push.md:23</c>: the test case name.</summary>
    public string Location => $"{File}:{Line}";

    /// <summary>Every C# block of the Markdown files, in file order.</summary>
    public static IReadOnlyList<DocSnippet> All { get; } = FindAll();

    private static List<DocSnippet> FindAll()
    {
        var root = RepositoryPaths.Root;
        var files = new List<string> { Path.Combine(root, "README.md") };
        files.AddRange(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal));
        files.AddRange(Directory.GetFiles(Path.Combine(root, "samples"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));

        var snippets = new List<DocSnippet>();
        foreach (var file in files)
        {
            snippets.AddRange(Read(Path.GetRelativePath(root, file).Replace('\\', '/'), System.IO.File.ReadAllLines(file)));
        }

        return snippets;
    }

    private static IEnumerable<DocSnippet> Read(string file, string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var open = OpeningFence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var indent = open.Groups["indent"].Value.Length;
            var info = open.Groups["info"].Value.Trim();
            var code = new StringBuilder();
            var start = i + 1;
            for (i++; i < lines.Length && !ClosingFence().IsMatch(lines[i]); i++)
            {
                // A block inside a list item is indented: take the indentation off every line.
                var line = lines[i];
                var cut = Math.Min(indent, line.Length - line.TrimStart(' ').Length);
                code.AppendLine(line[cut..]);
            }

            if (i == lines.Length)
            {
                throw new InvalidOperationException($"{file}:{start}: the ```csharp block is never closed.");
            }

            yield return new DocSnippet(file, start, code.ToString(), info.Split(' ').Contains("no-compile"));
        }
    }

    [GeneratedRegex(@"^(?<indent> *)```(csharp|cs|c#)(?<info>( .*)?)$")]
    private static partial Regex OpeningFence();

    [GeneratedRegex(@"^ *```\s*$")]
    private static partial Regex ClosingFence();
}
