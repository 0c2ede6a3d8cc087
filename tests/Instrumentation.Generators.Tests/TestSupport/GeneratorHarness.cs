using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Instrumentation.Generators.Tests.TestSupport.Services;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.Generators.Tests.TestSupport;

/// <summary>Runs <see cref="DecoratorGenerator"/> over source text and compiles the result, as the compiler would in a user's build.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Generated" + Guid.NewGuid().ToString("N"),
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new DecoratorGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator and returns its diagnostics, its sources and the compilation that includes them.</summary>
    public static GeneratorOutput Run(params string[] sources)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out _);
        var result = driver.GetRunResult().Results.Single();
        return new GeneratorOutput(result.Diagnostics, result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()), output);
    }

    /// <summary>Compiles the generated output into an assembly loaded in a collectible context; fails on any warning or error.</summary>
    public static Assembly Load(GeneratorOutput output)
    {
        using var stream = new MemoryStream();
        var emit = output.Compilation.Emit(stream);
        var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        problems.Should().BeEmpty("the generated code should compile cleanly:\n" + string.Join("\n", output.Sources.Values));
        stream.Position = 0;
        return new AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(stream);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToHashSet(StringComparer.Ordinal);
        paths.Add(typeof(MetricFactory).Assembly.Location);
        paths.Add(typeof(IServiceCollection).Assembly.Location);
        paths.Add(typeof(IFruitService).Assembly.Location);
        return [.. paths.Where(p => p.Length > 0).Select(p => MetadataReference.CreateFromFile(p))];
    }
}
