using Instrumentation.Generators.Tests.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Instrumentation.Generators.Tests;

/// <summary>An edit that does not touch a marked service is served from the generator's cache.</summary>
public sealed class IncrementalCacheTests
{
    [Fact]
    public void UnrelatedEdit_ServesParseAndOutputStepsFromTheCache()
    {
        var compilation = GeneratorHarness.Compilation(Sources.MarkedFruitService, "namespace Other; public static class Unrelated { public static int Value => 1; }");
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        var unrelated = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(
            unrelated,
            CSharpSyntaxTree.ParseText("namespace Other; public static class Unrelated { public static int Value => 2; }", GeneratorHarness.ParseOptions));

        driver = driver.RunGenerators(edited);

        var result = driver.GetRunResult().Results.Single();
        var parse = result.TrackedSteps[DecoratorGenerator.ParseStep];
        parse.Should().NotBeEmpty();
        parse.SelectMany(step => step.Outputs).Select(o => o.Reason)
            .Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs).Select(o => o.Reason)
            .Should().NotBeEmpty().And.OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void EditOfTheMarkedService_RegeneratesIt()
    {
        var compilation = GeneratorHarness.Compilation(Sources.MarkedFruitService);
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(Sources.MarkedFruitService.Replace("[Timed, Counted, TrackInProgress]", "[Counted]", StringComparison.Ordinal), GeneratorHarness.ParseOptions));

        driver = driver.RunGenerators(edited);

        var result = driver.GetRunResult().Results.Single();
        result.TrackedSteps[DecoratorGenerator.ParseStep].SelectMany(step => step.Outputs).Select(o => o.Reason)
            .Should().Contain(IncrementalStepRunReason.Modified);
        result.GeneratedSources.Single().SourceText.ToString().Should().NotContain("TimedAttribute");
    }
}
