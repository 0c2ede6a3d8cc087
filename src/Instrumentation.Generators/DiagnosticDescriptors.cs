using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators;

/// <summary>The diagnostics of the decorator generator. Each names what cannot be decorated and what to do instead.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Instrumentation";

    public static readonly DiagnosticDescriptor NoInterface = new(
        "INSTR001",
        "Class implements no interface",
        "'{0}' cannot be decorated: it implements no interface; register the service through an interface",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor StaticMethod = new(
        "INSTR002",
        "Static method cannot be decorated",
        "'{0}' is static and cannot be decorated: only calls through an interface of a registered service are recorded",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NonPublicMethod = new(
        "INSTR003",
        "Non-public method cannot be decorated",
        "'{0}' is not public and cannot be decorated: make it a public implementation of an interface method",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotOnInterface = new(
        "INSTR004",
        "Method is not on an interface",
        "'{0}' cannot be decorated: it implements no interface method; declare it on the service interface",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor Unsupported = new(
        "INSTR005",
        "Member cannot be decorated",
        "'{0}' cannot be decorated: {1}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericService = new(
        "INSTR006",
        "Generic class cannot be decorated",
        "'{0}' cannot be decorated: it is generic, and decorators are generated for closed types only; register a non-generic class derived from it with the type arguments filled in (class FruitRepository : Repository<Fruit>), which gets a decorator with these attributes, and make '{0}' abstract",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RegistrationRenamed = new(
        "INSTR007",
        "Registration method named for its class",
        "'{0}' is registered with '{1}': more than one decorated class in this namespace implements the interface, so each registration method is named for its class",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "INSTR001" => NoInterface,
        "INSTR002" => StaticMethod,
        "INSTR003" => NonPublicMethod,
        "INSTR004" => NotOnInterface,
        "INSTR006" => GenericService,
        "INSTR007" => RegistrationRenamed,
        _ => Unsupported,
    };
}
