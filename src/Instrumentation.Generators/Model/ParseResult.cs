namespace Instrumentation.Generators.Model;

/// <summary>What the parser makes of one attributed declaration: the decorators it implies and the problems it has.</summary>
/// <param name="Decorators">The decorators of the declaration's class or interface.</param>
/// <param name="Diagnostics">The problems of the declaration itself.</param>
internal sealed record ParseResult(EquatableArray<DecoratorModel> Decorators, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>No decorators and no diagnostics.</summary>
    public static ParseResult Empty { get; } = new(EquatableArray<DecoratorModel>.Empty, EquatableArray<DiagnosticInfo>.Empty);
}
