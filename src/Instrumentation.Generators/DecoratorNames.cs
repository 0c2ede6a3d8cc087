using System.Linq;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators;

/// <summary>
/// Names of generated types and registration methods, distinct for distinct types: a nested type is named
/// with its containing types (<c>Retail_Orders</c>), a constructed generic with its type arguments
/// (<c>IStoreOfString</c>), and where that is not enough, with its namespace (<c>Shop_IOrders</c>).
/// </summary>
internal static class DecoratorNames
{
    public const string DecoratorSuffix = "_InstrumentedDecorator";
    public const string RegistrationPrefix = "AddInstrumented";

    /// <summary>The type's name as an identifier: containing types first, then type arguments (<c>Retail_Orders</c>, <c>IStoreOfInt32</c>).</summary>
    public static string Token(INamedTypeSymbol type)
    {
        var own = type.Name + Arguments(type);
        return type.ContainingType is { } containing ? Token(containing) + "_" + own : own;
    }

    /// <summary><see cref="Token"/> prefixed by the namespace, for types whose tokens clash (<c>Shop_IOrders</c>).</summary>
    public static string QualifiedToken(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? Token(type) : ns.ToDisplayString().Replace('.', '_') + "_" + Token(type);
    }

    private static string Arguments(INamedTypeSymbol type) =>
        type.TypeArguments.Length == 0 ? string.Empty : "Of" + string.Join("And", type.TypeArguments.Select(ArgumentToken));

    private static string ArgumentToken(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol named => named.Name + Arguments(named),
        IArrayTypeSymbol array => ArgumentToken(array.ElementType) + "Array",
        IPointerTypeSymbol pointer => ArgumentToken(pointer.PointedAtType) + "Pointer",
        _ => new string(type.Name.Where(char.IsLetterOrDigit).ToArray()),
    };
}
