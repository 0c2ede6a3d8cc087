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
        if (type is null)
        {
            return new ParseResult(EquatableArray<DecoratorModel>.Empty, EquatableArray<DiagnosticInfo>.Empty);
        }

        if (target is IMethodSymbol method)
        {
            CheckMethod(method, type, diagnostics);
        }
        else if (type.TypeKind == TypeKind.Class && type.AllInterfaces.IsEmpty)
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
        else if (type.AllInterfaces.IsEmpty)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoInterface.Id, LocationOf(method), type.Name));
        }
        else if (!ImplementsInterfaceMember(type, method))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotOnInterface.Id, LocationOf(method), name));
        }
    }

    private static bool ImplementsInterfaceMember(INamedTypeSymbol type, IMethodSymbol method) =>
        type.AllInterfaces
            .SelectMany(i => i.GetMembers().OfType<IMethodSymbol>())
            .Any(m => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(m), method));

    private static void AddClassDecorators(INamedTypeSymbol type, List<DecoratorModel> decorators, List<DiagnosticInfo> diagnostics)
    {
        if (!CanDecorate(type, diagnostics))
        {
            return;
        }

        var classMarked = AttributeExpressions.HasAny(type);
        var instrumented = type.AllInterfaces
            .Where(i => i.TypeKind == TypeKind.Interface && HasInstrumentedMethod(type, i, classMarked))
            .ToList();

        // An interface already covered by one that extends it needs no decorator of its own.
        var chosen = instrumented
            .Where(i => !instrumented.Any(other => !SymbolEqualityComparer.Default.Equals(other, i) && other.AllInterfaces.Contains(i, SymbolEqualityComparer.Default)))
            .ToList();
        foreach (var @interface in chosen)
        {
            var name = chosen.Count == 1 ? $"{type.Name}_InstrumentedDecorator" : $"{type.Name}_{@interface.Name}_InstrumentedDecorator";
            var model = Decorator(type, @interface, name, m => LookupOrder(type, m), diagnostics);
            if (model is not null)
            {
                decorators.Add(model);
            }
        }
    }

    private static void AddInterfaceDecorator(INamedTypeSymbol @interface, List<DecoratorModel> decorators, List<DiagnosticInfo> diagnostics)
    {
        if (!CanDecorate(@interface, diagnostics))
        {
            return;
        }

        var model = Decorator(null, @interface, $"{@interface.Name}_InstrumentedDecorator", m => [m, m.ContainingType, @interface], diagnostics);
        if (model is not null)
        {
            decorators.Add(model);
        }
    }

    // The method's own attribute wins over its class's, the class's over the interface method's, then the interface's.
    private static IEnumerable<ISymbol?> LookupOrder(INamedTypeSymbol type, IMethodSymbol interfaceMethod) =>
        [type.FindImplementationForInterfaceMember(interfaceMethod), type, interfaceMethod, interfaceMethod.ContainingType];

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
        string? reason = null;
        if (type.IsGenericType)
        {
            reason = "generic types are not supported; decorate a closed, non-generic service";
        }
        else if (type.IsStatic)
        {
            reason = "a static class has no instances to decorate";
        }
        else if (type.ContainingType is not null && type.DeclaredAccessibility == Accessibility.Private)
        {
            reason = "a private nested type is not visible to the generated decorator";
        }

        if (reason is null)
        {
            return true;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Unsupported.Id, LocationOf(type), type.Name, reason));
        return false;
    }

    private static DecoratorModel? Decorator(
        INamedTypeSymbol? implementation,
        INamedTypeSymbol @interface,
        string name,
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
            @interface.Name,
            implementation is null ? null : MemberParser.Type(implementation),
            implementation?.Name,
            methods.ToEquatableArray(),
            properties.ToEquatableArray(),
            events.ToEquatableArray());
    }

    private static Location LocationOf(ISymbol symbol) => symbol.Locations.FirstOrDefault() ?? Location.None;
}
