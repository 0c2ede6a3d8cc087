namespace Instrumentation.Generators.Model;

/// <summary>One decorator to generate: a class that implements <paramref name="Interface"/> around an inner instance.</summary>
/// <param name="Namespace">The namespace to generate into; empty for the global namespace.</param>
/// <param name="Name">The decorator class name.</param>
/// <param name="Interface">The fully qualified decorated interface.</param>
/// <param name="Implementation">The fully qualified implementation class, or null for a decorator of a marked interface (any implementation).</param>
/// <param name="ClassLabel">The <c>class</c> label value, or null to use the inner instance's type name.</param>
/// <param name="Methods">The methods.</param>
/// <param name="Properties">The properties and indexers.</param>
/// <param name="Events">The events.</param>
/// <param name="RegistrationName">The registration method's name, <c>AddInstrumented</c> + the interface's name.</param>
/// <param name="ImplementationToken">The implementation's name as an identifier, naming the registration method when two would clash; null for a marked interface's decorator.</param>
/// <param name="Location">The declaration of the implementation (or interface), for diagnostics about the generated names.</param>
internal sealed record DecoratorModel(
    string Namespace,
    string Name,
    string Interface,
    string? Implementation,
    string? ClassLabel,
    EquatableArray<MethodModel> Methods,
    EquatableArray<PropertyModel> Properties,
    EquatableArray<EventModel> Events,
    string RegistrationName,
    string? ImplementationToken,
    SourceLocation Location)
{
    /// <summary>The generated file's name.</summary>
    public string HintName => Namespace.Length == 0 ? $"{Name}.g.cs" : $"{Namespace}.{Name}.g.cs";
}
