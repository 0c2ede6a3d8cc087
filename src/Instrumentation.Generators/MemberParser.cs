using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Instrumentation.Generators;

/// <summary>Turns the members of an interface into plain models, with the attributes that apply to each method.</summary>
internal static class MemberParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Type(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    /// <summary>The interface and every interface it extends, each once.</summary>
    public static IEnumerable<INamedTypeSymbol> WithBases(INamedTypeSymbol @interface) =>
        new[] { @interface }.Concat(@interface.AllInterfaces);

    public static MethodModel Method(IMethodSymbol method, IEnumerable<ISymbol?> lookupOrder)
    {
        var order = lookupOrder.ToList();
        var returnType = method.ReturnsByRefReadonly ? "ref readonly " + Type(method.ReturnType)
            : method.ReturnsByRef ? "ref " + Type(method.ReturnType)
            : Type(method.ReturnType);
        return new MethodModel(
            Type(method.ContainingType),
            method.Name,
            returnType,
            ReturnKindOf(method),
            method.TypeParameters.Select(t => t.Name).ToEquatableArray(),
            method.TypeParameters.Select(ConstraintClause).ToEquatableArray(),
            Parameters(method.Parameters),
            AttributeExpressions.Resolve(AttributeExpressions.Timed, order),
            AttributeExpressions.Resolve(AttributeExpressions.Counted, order),
            AttributeExpressions.Resolve(AttributeExpressions.InProgress, order));
    }

    public static PropertyModel Property(IPropertySymbol property) => new(
        Type(property.ContainingType),
        property.Name,
        Type(property.Type),
        property.GetMethod is not null,
        property.SetMethod is not null,
        Parameters(property.Parameters));

    public static EventModel Event(IEventSymbol @event) => new(Type(@event.ContainingType), @event.Name, Type(@event.Type));

    private static EquatableArray<ParameterModel> Parameters(IEnumerable<IParameterSymbol> parameters) =>
        parameters.Select(p => new ParameterModel(
            p.RefKind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In => "in ",
                RefKind.RefReadOnlyParameter => "ref readonly ",
                _ => string.Empty,
            },
            p.RefKind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In or RefKind.RefReadOnlyParameter => "in ",
                _ => string.Empty,
            },
            Type(p.Type),
            Escape(p.Name))).ToEquatableArray();

    // An explicit implementation inherits the interface's constraints; it may only restate class/struct,
    // and needs `default` so that `T?` of an unconstrained T keeps meaning "maybe default".
    private static string ConstraintClause(ITypeParameterSymbol typeParameter)
    {
        if (typeParameter.HasReferenceTypeConstraint)
        {
            var nullable = typeParameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "?" : string.Empty;
            return $"where {typeParameter.Name} : class{nullable}";
        }

        return typeParameter.HasValueTypeConstraint
            ? $"where {typeParameter.Name} : struct"
            : $"where {typeParameter.Name} : default";
    }

    private static ReturnKind ReturnKindOf(IMethodSymbol method)
    {
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return ReturnKind.ByRef;
        }

        if (method.ReturnsVoid)
        {
            return ReturnKind.Void;
        }

        var type = method.ReturnType.OriginalDefinition.ToDisplayString();
        return type switch
        {
            "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>"
                or "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.ValueTask<TResult>" => ReturnKind.Awaitable,
            "System.Collections.Generic.IAsyncEnumerable<T>" => ReturnKind.AsyncEnumerable,
            _ => ReturnKind.Value,
        };
    }

    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
