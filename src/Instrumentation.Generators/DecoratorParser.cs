using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Instrumentation.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators;

/// <summary>
/// Turns one attributed declaration (class, interface or method) into the decorators of its type and the
/// diagnostics of the declaration. Holds no state; its output holds no symbols.
/// </summary>
internal static class DecoratorParser
{
    public static ParseResult Parse(ISymbol target, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = target as INamedTypeSymbol ?? target.ContainingType;
        if (type is null || IsEndpointType(type))
        {
            return ParseResult.Empty;
        }

        if (target is IMethodSymbol method)
        {
            CheckMethod(method, type, diagnostics);
        }
        else if (type.TypeKind == TypeKind.Class && !type.IsAbstract && type.AllInterfaces.IsEmpty)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoInterface.Id, LocationOf(type), type.Name));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var decorators = new List<DecoratorModel>();
        if (type.TypeKind == TypeKind.Interface)
        {
            AddInterfaceDecorator(type, decorators, diagnostics);
        }
        else if (type.TypeKind == TypeKind.Class)
        {
            AddClassDecorators(type, decorators, diagnostics);
        }

        return new ParseResult(decorators.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// For a class that may carry none of our attributes itself: its decorators when it inherits attributes
    /// from a base class (on the class or its methods) or implements a marked generic interface, which gets
    /// no decorator of its own.
    /// </summary>
    public static ParseResult ParseInheriting(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.TypeKind == TypeKind.Class && !type.IsAbstract && !type.IsStatic && InheritsAttributes(type)
            ? Parse(type, cancellationToken)
            : ParseResult.Empty;

    // Static classes (minimal API handlers) and MVC controllers are endpoints: Instrumentation.AspNetCore's endpoint
    // metrics middleware applies their attributes, and they are no DI services to decorate or warn about.
    private static bool IsEndpointType(INamedTypeSymbol type)
    {
        if (type.IsStatic)
        {
            return true;
        }

        foreach (var classType in ClassAndBases(type))
        {
            if (classType.ToDisplayString() is "Microsoft.AspNetCore.Mvc.ControllerBase"
                || classType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is "Microsoft.AspNetCore.Mvc.ApiControllerAttribute" or "Microsoft.AspNetCore.Mvc.ControllerAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InheritsAttributes(INamedTypeSymbol type)
    {
        for (var baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
        {
            if (IsMarked(baseType))
            {
                return true;
            }
        }

        return type.AllInterfaces.Any(i => i.IsGenericType && IsMarked(i));
    }

    private static bool IsMarked(INamedTypeSymbol type) =>
        AttributeExpressions.HasAny(type) || type.GetMembers().Any(AttributeExpressions.HasAny);

    private static void CheckMethod(IMethodSymbol method, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        var name = $"{type.Name}.{method.Name}";
        if (method.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticMethod.Id, LocationOf(method), name));
            return;
        }

        if (type.TypeKind != TypeKind.Class)
        {
            return;
        }

        if (method.DeclaredAccessibility != Accessibility.Public && method.ExplicitInterfaceImplementations.IsEmpty)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPublicMethod.Id, LocationOf(method), name));
        }
        else if (type.IsAbstract)
        {
            // A base class: its marks apply to the classes derived from it, which are decorated and checked instead.
            return;
        }
        else if (type.AllInterfaces.IsEmpty)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoInterface.Id, LocationOf(method), type.Name));
        }
        else if (!ImplementsInterfaceMember(type, method))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotOnInterface.Id, LocationOf(method), name));
        }
    }

    // An override implements the interface member its base method implements.
    private static bool ImplementsInterfaceMember(INamedTypeSymbol type, IMethodSymbol method) =>
        type.AllInterfaces
            .SelectMany(i => i.GetMembers().OfType<IMethodSymbol>())
            .Select(type.FindImplementationForInterfaceMember)
            .Any(implementation => OverrideChain(method).Any(m => SymbolEqualityComparer.Default.Equals(m, implementation)));

    private static IEnumerable<IMethodSymbol> OverrideChain(IMethodSymbol? method)
    {
        for (; method is not null; method = method.OverriddenMethod)
        {
            yield return method;
        }
    }

    // The compiler names the base method that first implemented the interface member; calls reach its last override.
    private static IMethodSymbol? MostDerivedImplementation(INamedTypeSymbol type, IMethodSymbol interfaceMethod)
    {
        var implementation = type.FindImplementationForInterfaceMember(interfaceMethod) as IMethodSymbol;
        if (implementation is null || !(implementation.IsVirtual || implementation.IsAbstract || implementation.IsOverride))
        {
            return implementation;
        }

        foreach (var classType in ClassAndBases(type))
        {
            foreach (var candidate in classType.GetMembers(implementation.Name).OfType<IMethodSymbol>())
            {
                if (OverrideChain(candidate).Any(m => SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, implementation.OriginalDefinition)))
                {
                    return candidate;
                }
            }
        }

        return implementation;
    }

    private static void AddClassDecorators(INamedTypeSymbol type, List<DecoratorModel> decorators, List<DiagnosticInfo> diagnostics)
    {
        if (type.IsAbstract || !CanDecorate(type, diagnostics))
        {
            return;
        }

        var classMarked = ClassAndBases(type).Any(AttributeExpressions.HasAny);
        var instrumented = type.AllInterfaces
            .Where(i => i.TypeKind == TypeKind.Interface && HasInstrumentedMethod(type, i, classMarked))
            .ToList();

        // An interface already covered by one that extends it needs no decorator of its own.
        var chosen = instrumented
            .Where(i => !instrumented.Any(other => !SymbolEqualityComparer.Default.Equals(other, i) && other.AllInterfaces.Contains(i, SymbolEqualityComparer.Default)))
            .ToList();
        var tokens = chosen.Select(DecoratorNames.Token).ToList();
        var clash = tokens.Distinct().Count() != tokens.Count;
        foreach (var @interface in chosen)
        {
            var interfaceToken = clash ? DecoratorNames.QualifiedToken(@interface) : DecoratorNames.Token(@interface);
            var typeToken = DecoratorNames.Token(type);
            var name = chosen.Count == 1 ? typeToken + DecoratorNames.DecoratorSuffix : $"{typeToken}_{interfaceToken}{DecoratorNames.DecoratorSuffix}";
            var model = Decorator(type, @interface, name, interfaceToken, m => LookupOrder(type, m), diagnostics);
            if (model is not null)
            {
                decorators.Add(model);
            }
        }
    }

    private static void AddInterfaceDecorator(INamedTypeSymbol @interface, List<DecoratorModel> decorators, List<DiagnosticInfo> diagnostics)
    {
        // A generic interface's attributes are applied by the decorators of the closed classes that implement it.
        if (@interface.IsGenericType || !CanDecorate(@interface, diagnostics))
        {
            return;
        }

        var token = DecoratorNames.Token(@interface);
        var model = Decorator(null, @interface, token + DecoratorNames.DecoratorSuffix, token, m => [m, m.ContainingType, @interface], diagnostics);
        if (model is not null)
        {
            decorators.Add(model);
        }
    }

    // The method's own attribute wins, then the base methods it overrides, the class's, its base classes',
    // the interface method's, then the interface's.
    private static IEnumerable<ISymbol?> LookupOrder(INamedTypeSymbol type, IMethodSymbol interfaceMethod)
    {
        foreach (var method in OverrideChain(MostDerivedImplementation(type, interfaceMethod)))
        {
            yield return method;
        }

        foreach (var classType in ClassAndBases(type))
        {
            yield return classType;
        }

        yield return interfaceMethod;
        yield return interfaceMethod.ContainingType;
    }

    private static IEnumerable<INamedTypeSymbol> ClassAndBases(INamedTypeSymbol type)
    {
        for (var classType = type; classType is not null && classType.SpecialType != SpecialType.System_Object; classType = classType.BaseType)
        {
            yield return classType;
        }
    }

    private static bool HasInstrumentedMethod(INamedTypeSymbol type, INamedTypeSymbol @interface, bool classMarked)
    {
        // A mark on the class covers the service's own interfaces, not framework ones such as IDisposable.
        var frameworkInterface = @interface.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal));
        foreach (var method in MemberParser.WithBases(@interface).SelectMany(i => i.GetMembers().OfType<IMethodSymbol>()))
        {
            if (method.IsStatic || method.MethodKind != MethodKind.Ordinary)
            {
                continue;
            }

            if ((classMarked && !frameworkInterface) || LookupOrder(type, method).Any(s => s is not INamedTypeSymbol { TypeKind: TypeKind.Class } && AttributeExpressions.HasAny(s)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool CanDecorate(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        if (type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericService.Id, LocationOf(type), type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            return false;
        }

        // Static classes never get here: they are endpoint handlers (see IsEndpointType).
        if (type.ContainingType is null || type.DeclaredAccessibility != Accessibility.Private)
        {
            return true;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Unsupported.Id, LocationOf(type), type.Name, "a private nested type is not visible to the generated decorator"));
        return false;
    }

    private static DecoratorModel? Decorator(
        INamedTypeSymbol? implementation,
        INamedTypeSymbol @interface,
        string name,
        string interfaceToken,
        System.Func<IMethodSymbol, IEnumerable<ISymbol?>> lookupOrder,
        List<DiagnosticInfo> diagnostics)
    {
        var methods = new List<MethodModel>();
        var properties = new List<PropertyModel>();
        var events = new List<EventModel>();
        foreach (var member in MemberParser.WithBases(@interface).SelectMany(i => i.GetMembers()))
        {
            if (member.IsStatic)
            {
                if (member.IsAbstract)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Unsupported.Id, LocationOf(@interface), @interface.Name, "it has static abstract members, which a decorator instance cannot forward"));
                    return null;
                }

                continue;
            }

            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                    methods.Add(MemberParser.Method(method, lookupOrder(method)));
                    break;
                case IPropertySymbol { SetMethod.IsInitOnly: true }:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Unsupported.Id, LocationOf(member), $"{@interface.Name}.{member.Name}", "an init accessor cannot be forwarded to another instance"));
                    return null;
                case IPropertySymbol property:
                    properties.Add(MemberParser.Property(property));
                    break;
                case IEventSymbol @event:
                    events.Add(MemberParser.Event(@event));
                    break;
            }
        }

        var ns = (implementation ?? @interface).ContainingNamespace;
        return new DecoratorModel(
            ns is null || ns.IsGlobalNamespace ? string.Empty : ns.ToDisplayString(),
            name,
            MemberParser.Type(@interface),
            implementation is null ? null : MemberParser.Type(implementation),
            implementation?.Name,
            methods.ToEquatableArray(),
            properties.ToEquatableArray(),
            events.ToEquatableArray(),
            DecoratorNames.RegistrationPrefix + interfaceToken,
            implementation is null ? null : DecoratorNames.Token(implementation),
            SourceLocation.From(LocationOf(implementation ?? @interface)));
    }

    private static Location LocationOf(ISymbol symbol) => symbol.Locations.FirstOrDefault() ?? Location.None;
}
