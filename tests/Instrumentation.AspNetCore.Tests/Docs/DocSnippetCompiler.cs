using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.AspNetCore.Tests.Docs;

/// <summary>
/// Compiles a documentation snippet the way a user's web app would: with the implicit usings of the Web SDK and of
/// our packages (read from their <c>buildTransitive/*.props</c>), against this test's runtime (the .NET and ASP.NET
/// Core shared frameworks, our assemblies, FluentAssertions) and with the decorator generator running. Statements
/// become the top-level program (moved before the snippet's type declarations), <c>=&gt; ...</c> and
/// <c>{ ... }</c> stand for elided bodies, and <see cref="DocSnippetStubs"/> supplies what fragments assume.
/// </summary>
internal static partial class DocSnippetCompiler
{
    /// <summary>The global usings of a project on Microsoft.NET.Sdk.Web with ImplicitUsings enabled.</summary>
    private static readonly string[] WebSdkUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The namespaces our packages add as implicit usings, from their buildTransitive props files.</summary>
    public static IReadOnlyList<string> PackageUsings { get; } = ReadPackageUsings();

    /// <summary>The errors of compiling <paramref name="snippet"/>, each with the line it points at; empty when it compiles.</summary>
    public static IReadOnlyList<string> Errors(DocSnippet snippet, out string compiledSource) =>
        Errors(snippet, PackageUsings, out compiledSource);

    /// <summary>The errors of compiling <paramref name="snippet"/> with <paramref name="packageUsings"/> in place of the packages' implicit usings.</summary>
    public static IReadOnlyList<string> Errors(DocSnippet snippet, IEnumerable<string> packageUsings, out string compiledSource)
    {
        var code = ElidedBody().Replace(snippet.Code, "{ throw null!; }");
        code = ElidedExpression().Replace(code, "=> throw null!");
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ParseOptions).GetRoot();

        // Top-level statements must precede type declarations; a snippet reads better with the types first.
        var statements = root.Members.OfType<GlobalStatementSyntax>().ToList();
        var reordered = root.WithMembers(SyntaxFactory.List(statements.Cast<MemberDeclarationSyntax>()
            .Concat(root.Members.Where(m => m is not GlobalStatementSyntax))));
        compiledSource = reordered.ToFullString();

        var globalUsings = string.Concat(WebSdkUsings.Concat(packageUsings).Append("DocSnippets.Stubs")
            .Select(n => $"global using {n};\n"));
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(compiledSource, ParseOptions, path: snippet.Location, encoding: Encoding.UTF8),
            CSharpSyntaxTree.ParseText(globalUsings, ParseOptions, path: "GlobalUsings.g.cs", encoding: Encoding.UTF8),
            CSharpSyntaxTree.ParseText(DocSnippetStubs.Source, ParseOptions, path: "Stubs.cs", encoding: Encoding.UTF8),
        };
        var options = new CSharpCompilationOptions(statements.Count > 0 ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable);
        var compilation = CSharpCompilation.Create("DocSnippet", trees, References.Value, options);

        CSharpGeneratorDriver.Create(new DecoratorGenerator()).WithUpdatedParseOptions(ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);

        var source = compiledSource;
        return generatorDiagnostics.Concat(generated.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => Describe(d, source))
            .ToList();
    }

    private static string Describe(Diagnostic diagnostic, string source)
    {
        var span = diagnostic.Location.GetLineSpan();
        if (span.Path != null && span.Path.Contains(':', StringComparison.Ordinal) && diagnostic.Location.IsInSource)
        {
            var lines = source.Split('\n');
            var line = span.StartLinePosition.Line;
            var text = line < lines.Length ? lines[line].TrimEnd() : "";
            return $"{diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}\n    at: {text.Trim()}";
        }

        return $"{diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({span.Path})";
    }

    private static List<string> ReadPackageUsings()
    {
        var usings = new List<string>();
        foreach (var props in Directory.GetFiles(RepositoryPaths.Of("src"), "*.props", SearchOption.AllDirectories)
                     .Where(p => p.Contains($"{Path.DirectorySeparatorChar}buildTransitive{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            usings.AddRange(XDocument.Load(props).Descendants("Using")
                .Select(u => (string?)u.Attribute("Include") ?? throw new InvalidOperationException($"{props}: a Using without Include.")));
        }

        return usings;
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The runtime's own assemblies, ASP.NET Core's shared framework (this project references it), our packages
        // and their dependencies, and FluentAssertions for the testing snippet; not the tests and the samples, whose
        // types (a public Program each, fruit) would clash with the snippets'.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var appDirectory = Path.GetFullPath(AppContext.BaseDirectory);
        return [.. paths.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(p => !Path.GetFullPath(p).StartsWith(appDirectory, StringComparison.Ordinal) || IsLibrary(Path.GetFileName(p)))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    private static bool IsLibrary(string fileName) =>
        (fileName.StartsWith("Instrumentation.", StringComparison.Ordinal) && !fileName.Contains("Test", StringComparison.Ordinal))
        || LibraryPrefixes.Any(prefix => fileName.StartsWith(prefix, StringComparison.Ordinal));

    private static readonly string[] LibraryPrefixes = ["FluentAssertions", "Microsoft.", "System.", "OpenTelemetry", "Google."];

    /// <summary><c>{ ... }</c>: a method body left out.</summary>
    [GeneratedRegex(@"\{\s*\.\.\.\s*\}")]
    private static partial Regex ElidedBody();

    /// <summary><c>=&gt; ...</c>: an expression body left out.</summary>
    [GeneratedRegex(@"=>\s*\.\.\.")]
    private static partial Regex ElidedExpression();
}
