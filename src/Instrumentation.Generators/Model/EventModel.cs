namespace Instrumentation.Generators.Model;

/// <summary>An interface event the decorator forwards.</summary>
/// <param name="DeclaringInterface">The fully qualified interface that declares it.</param>
/// <param name="Name">The event name.</param>
/// <param name="Type">The fully qualified delegate type.</param>
internal sealed record EventModel(string DeclaringInterface, string Name, string Type);
