namespace Instrumentation.Generators.Model;

/// <summary>An interface property or indexer the decorator forwards without recording.</summary>
/// <param name="DeclaringInterface">The fully qualified interface that declares it.</param>
/// <param name="Name">The property name (unused for indexers).</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="HasGetter">Whether it has a getter.</param>
/// <param name="HasSetter">Whether it has a setter.</param>
/// <param name="Parameters">The indexer parameters; empty for a property.</param>
internal sealed record PropertyModel(string DeclaringInterface, string Name, string Type, bool HasGetter, bool HasSetter, EquatableArray<ParameterModel> Parameters);
