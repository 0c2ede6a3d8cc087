namespace Instrumentation.AspNetCore.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block of README.md, docs/*.md and the samples' READMEs compiles against the packages as a
/// user's web app would see them (see <see cref="DocSnippetCompiler"/>), so the documentation cannot drift from
/// the API. A block marked <c>```csharp no-compile</c> is skipped and listed.
/// </summary>
public sealed class DocSnippetCompileTests
{
    public static TheoryData<string> Snippets()
    {
        var data = new TheoryData<string>();
        foreach (var snippet in DocSnippet.All.Where(s => !s.NoCompile))
        {
            data.Add(snippet.Location);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_Compiles(string location)
    {
        var snippet = DocSnippet.All.Single(s => s.Location == location);

        var errors = DocSnippetCompiler.Errors(snippet, out var compiled);

        errors.Should().BeEmpty($"the ```csharp block at {location} should compile as a user writes it; compiled as:\n{compiled}");
    }

    [Fact]
    public void Docs_HoldMoreThanTwentyCompiledBlocks_AndNoneMarkedNoCompile()
    {
        var noCompile = DocSnippet.All.Where(s => s.NoCompile).Select(s => s.Location).ToList();

        DocSnippet.All.Count(s => !s.NoCompile).Should().BeGreaterThan(20, "README.md and docs/*.md hold the examples");
        noCompile.Should().BeEmpty("a block marked no-compile is a block the docs can let rot: {0}", string.Join(", ", noCompile));
    }

    [Theory]
    [InlineData("var orders = metrics.CreateCounter")]       // Quick start
    [InlineData("var metrics = MetricFactory.Default;")]     // Instruments
    public void ReadmeSnippet_CompilesWithoutOurImplicitUsings_GivenTheUsingsTheReadmeLists(string blockContaining)
    {
        // The Namespaces section's list: a block of using directives and nothing else (the Quick start starts with one too).
        var usings = DocSnippet.All.Single(s => s.File == "README.md" && s.Code.StartsWith("using Instrumentation;", StringComparison.Ordinal)
            && s.Code.Split('\n').All(line => line.Trim().Length == 0 || line.TrimStart().StartsWith("using ", StringComparison.Ordinal) || line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        var snippet = DocSnippet.All.Single(s => s.File == "README.md" && s.Code.Contains(blockContaining, StringComparison.Ordinal));
        var withUsings = snippet with { Code = usings.Code + snippet.Code };

        var errors = DocSnippetCompiler.Errors(withUsings, [], out var compiled);

        errors.Should().BeEmpty($"README's list of usings for projects without our implicit usings should be enough for {snippet.Location}; compiled as:\n{compiled}");
    }

    [Fact]
    public void PackageImplicitUsings_IncludeTheNamespacesAppsWriteTypesFrom()
    {
        DocSnippetCompiler.PackageUsings.Should().Contain(
        [
            "Instrumentation", "Instrumentation.Instruments", "Instrumentation.Collectors", "Instrumentation.Hosting",
            "Instrumentation.Push", "Instrumentation.AspNetCore.HttpMetrics", "Instrumentation.AspNetCore.EndpointMetrics",
            "Instrumentation.OpenTelemetryProtocol",
        ]);
    }
}
