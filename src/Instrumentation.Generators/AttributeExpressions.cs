using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Instrumentation.Generators;

/// <summary>Finds our attributes on symbols and turns them into C# expressions that recreate them in generated code.</summary>
internal static class AttributeExpressions
{
    public const string Timed = "Instrumentation.TimedAttribute";
    public const string Counted = "Instrumentation.CountedAttribute";
    public const string InProgress = "Instrumentation.TrackInProgressAttribute";

    /// <summary>The attribute of the given metadata name on <paramref name="symbol"/>, or null.</summary>
    public static AttributeData? Find(ISymbol? symbol, string metadataName)
    {
        if (symbol is null)
        {
            return null;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && type.ToDisplayString() == metadataName)
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Whether any of our attributes sits on <paramref name="symbol"/>.</summary>
    public static bool HasAny(ISymbol? symbol) =>
        Find(symbol, Timed) is not null || Find(symbol, Counted) is not null || Find(symbol, InProgress) is not null;

    /// <summary><c>new global::Instrumentation.TimedAttribute("name", "help") { Kind = ..., Buckets = new double[] { ... } }</c>.</summary>
    public static string? ToExpression(AttributeData? attribute)
    {
        if (attribute?.AttributeClass is null || attribute.AttributeClass.TypeKind == TypeKind.Error)
        {
            return null;
        }

        var text = new StringBuilder("new ")
            .Append(attribute.AttributeClass.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .Append('(')
            .Append(string.Join(", ", attribute.ConstructorArguments.Select(Literal)))
            .Append(')');
        if (attribute.NamedArguments.Length > 0)
        {
            text.Append(" { ")
                .Append(string.Join(", ", attribute.NamedArguments.Select(a => a.Key + " = " + Literal(a.Value))))
                .Append(" }");
        }

        return text.ToString();
    }

    private static string Literal(TypedConstant constant)
    {
        if (constant.IsNull)
        {
            return "null";
        }

        switch (constant.Kind)
        {
            case TypedConstantKind.Array:
                var elementType = ((IArrayTypeSymbol)constant.Type!).ElementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                return $"new {elementType}[] {{ {string.Join(", ", constant.Values.Select(Literal))} }}";
            case TypedConstantKind.Enum:
                return $"({constant.Type!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({Primitive(constant.Value)})";
            default:
                return Primitive(constant.Value);
        }
    }

    private static string Primitive(object? value) => value switch
    {
        null => "null",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        bool b => b ? "true" : "false",
        double d => double.IsNaN(d) ? "double.NaN"
            : double.IsPositiveInfinity(d) ? "double.PositiveInfinity"
            : double.IsNegativeInfinity(d) ? "double.NegativeInfinity"
            : d.ToString("R", CultureInfo.InvariantCulture) + "d",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        _ => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
    };

    /// <summary>Attribute lookup order for one method: the first symbol that has the attribute decides.</summary>
    public static string? Resolve(string metadataName, IEnumerable<ISymbol?> lookupOrder)
    {
        foreach (var symbol in lookupOrder)
        {
            var attribute = Find(symbol, metadataName);
            if (attribute is not null)
            {
                return ToExpression(attribute);
            }
        }

        return null;
    }
}
