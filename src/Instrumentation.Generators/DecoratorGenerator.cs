using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Instrumentation.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators;

/// <summary>
/// Generates a decorator, and a registration method, for every DI service marked with <c>[Timed]</c>,
/// <c>[Counted]</c> or <c>[TrackInProgress]</c> on its class, a base class, its interface or their methods.
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

        // A class that carries no attribute itself is decorated when it inherits one from a base class or a generic interface.
        var inheriting = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                static (ctx, ct) => ctx.SemanticModel.GetDeclaredSymbol(ctx.Node, ct) is INamedTypeSymbol type
                    ? DecoratorParser.ParseInheriting(type, ct)
                    : ParseResult.Empty)
            .WithTrackingName(ParseStep);
        var all = timed.Collect().Combine(counted.Collect()).Combine(inProgress.Collect()).Combine(inheriting.Collect());
        context.RegisterSourceOutput(all, static (output, results) =>
            Emit(output, [results.Left.Left.Left, results.Left.Left.Right, results.Left.Right, results.Right]));
    }

    private static IncrementalValuesProvider<ParseResult> Parsed(IncrementalGeneratorInitializationContext context, string attribute) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is ClassDeclarationSyntax or InterfaceDeclarationSyntax or MethodDeclarationSyntax,
                static (ctx, ct) => DecoratorParser.Parse(ctx.TargetSymbol, ct))
            .WithTrackingName(ParseStep);

    // One type may be reached through several attributes, methods and its bases: each decorator and diagnostic is emitted once.
    private static void Emit(SourceProductionContext output, ImmutableArray<ParseResult>[] groups)
    {
        var decorators = new Dictionary<string, DecoratorModel>();
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
                    if (!decorators.ContainsKey(decorator.HintName))
                    {
                        decorators.Add(decorator.HintName, decorator);
                    }
                }
            }
        }

        foreach (var decorator in WithDistinctRegistrationNames(output, decorators.Values))
        {
            output.AddSource(decorator.HintName, DecoratorEmitter.Emit(decorator));
        }
    }

    // Two classes of one namespace that implement the same interface would get two identical extension methods,
    // which no call could choose between: each is named for its class instead, and INSTR007 says so.
    private static IEnumerable<DecoratorModel> WithDistinctRegistrationNames(SourceProductionContext output, IEnumerable<DecoratorModel> decorators)
    {
        var groups = decorators
            .OrderBy(d => d.HintName, System.StringComparer.Ordinal)
            .GroupBy(d => (d.Namespace, d.RegistrationName, ForAnyImplementation: d.ImplementationToken is null));
        foreach (var group in groups)
        {
            var clash = !group.Key.ForAnyImplementation && group.Skip(1).Any();
            foreach (var decorator in group)
            {
                if (!clash)
                {
                    yield return decorator;
                    continue;
                }

                var renamed = decorator with { RegistrationName = decorator.RegistrationName + "For" + decorator.ImplementationToken };
                output.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.RegistrationRenamed,
                    decorator.Location.ToLocation(),
                    decorator.Implementation!.Replace("global::", string.Empty),
                    renamed.RegistrationName));
                yield return renamed;
            }
        }
    }
}
