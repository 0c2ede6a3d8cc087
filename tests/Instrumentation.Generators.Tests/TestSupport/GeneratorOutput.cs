using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators.Tests.TestSupport;

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorOutput(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyDictionary<string, string> Sources, Compilation Compilation)
{
    public IEnumerable<string> DiagnosticIds => Diagnostics.Select(d => d.Id);
}
