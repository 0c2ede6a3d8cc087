namespace Instrumentation.Generators.Model;

/// <summary>One parameter of a forwarded member.</summary>
/// <param name="Modifier">The declaration modifier with a trailing space (<c>ref </c>, <c>out </c>, <c>in </c>, <c>ref readonly </c>) or empty.</param>
/// <param name="ArgumentModifier">The modifier at the call site (<c>ref </c>, <c>out </c>, <c>in </c>) or empty.</param>
/// <param name="Type">The fully qualified type, with nullable annotations.</param>
/// <param name="Name">The name, escaped when it is a keyword.</param>
internal sealed record ParameterModel(string Modifier, string ArgumentModifier, string Type, string Name);
