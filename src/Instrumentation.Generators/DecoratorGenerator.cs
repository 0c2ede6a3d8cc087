using System.Collections.Generic;
using System.Collections.Immutable;
using Instrumentation.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators;

/// <summary>
/// Generates a decorator, and a registration method, for every DI service marked with <c>[Timed]</c>,
/// <c>[Counted]</c> or <c>[TrackInProgress]</c> on its class, its interface or their methods.
/// </summary>
[Generator(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class DecoratorGenerator : IIncrementalGenerator
{
    /// <summary>The tracking name of the parse step, for incremental-cache tests.</summary>
    public const string ParseStep = "InstrumentationParse";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var timed = Parsed(context, AttributeExpressions.Timed);
        var counted = Parsed(context, AttributeExpressions.Counted);
        var inProgress = Parsed(context, AttributeExpressions.InProgress);
        var all = timed.Collect().Combine(counted.Collect()).Combine(inProgress.Collect());
        context.RegisterSourceOutput(all, static (output, results) =>
            Emit(output, [results.Left.Left, results.Left.Right, results.Right]));
    }

    private static IncrementalValuesProvider<ParseResult> Parsed(IncrementalGeneratorInitializationContext context, string attribute) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is ClassDeclarationSyntax or InterfaceDeclarationSyntax or MethodDeclarationSyntax,
                static (ctx, ct) => DecoratorParser.Parse(ctx.TargetSymbol, ct))
            .WithTrackingName(ParseStep);

    // One type may be reached through several attributes and methods: each decorator and diagnostic is emitted once.
    private static void Emit(SourceProductionContext output, ImmutableArray<ParseResult>[] groups)
    {
        var hints = new HashSet<string>();
        var diagnostics = new HashSet<DiagnosticInfo>();
        foreach (var group in groups)
        {
            foreach (var result in group)
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    if (diagnostics.Add(diagnostic))
                    {
                        output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ById(diagnostic.Id), diagnostic.ToLocation(), diagnostic.Argument, diagnostic.Reason));
                    }
                }

                foreach (var decorator in result.Decorators)
                {
                    if (hints.Add(decorator.HintName))
                    {
                        output.AddSource(decorator.HintName, DecoratorEmitter.Emit(decorator));
                    }
                }
            }
        }
    }
}
