namespace Instrumentation.Generators.Model;

/// <summary>One interface method the decorator implements.</summary>
/// <param name="DeclaringInterface">The fully qualified interface that declares the method.</param>
/// <param name="Name">The method name (the <c>method</c> label value).</param>
/// <param name="ReturnType">The fully qualified return type, with <c>ref </c> or <c>ref readonly </c> when it returns by reference.</param>
/// <param name="ReturnKind">How the result is awaited.</param>
/// <param name="TypeParameters">The method's type parameter names.</param>
/// <param name="ConstraintClauses">The clauses an explicit implementation may restate (<c>where T : class</c>, <c>struct</c>, <c>default</c>).</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="Timed">The C# expression that recreates the <c>[Timed]</c> applying to the method, or null.</param>
/// <param name="Counted">The C# expression that recreates the <c>[Counted]</c> applying to the method, or null.</param>
/// <param name="InProgress">The C# expression that recreates the <c>[TrackInProgress]</c> applying to the method, or null.</param>
internal sealed record MethodModel(
    string DeclaringInterface,
    string Name,
    string ReturnType,
    ReturnKind ReturnKind,
    EquatableArray<string> TypeParameters,
    EquatableArray<string> ConstraintClauses,
    EquatableArray<ParameterModel> Parameters,
    string? Timed,
    string? Counted,
    string? InProgress)
{
    /// <summary>Whether any attribute applies, so that the call is recorded.</summary>
    public bool IsInstrumented => ReturnKind != ReturnKind.ByRef && (Timed is not null || Counted is not null || InProgress is not null);
}
