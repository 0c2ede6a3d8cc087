namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

/// <summary>Minimal API handlers marked only on their interface: [Timed] on the interface, one interface method with its own.</summary>
[Timed("pantry_interface_seconds", "Timed on the interface")]
public interface IPantryHandlers
{
    string List();

    [Timed("pantry_interface_get_seconds", "Timed on the interface method")]
    string Get(string name);

    [Timed("pantry_interface_count_seconds", "Timed on the interface method, overridden by the class method")]
    int Count();
}

/// <summary>Implements <see cref="IPantryHandlers"/> with no attribute but one, which wins over the interface method's.</summary>
public sealed class PantryHandlers : IPantryHandlers
{
    private readonly string _extra = "salt";

    public string List() => "flour,sugar";

    public string Get(string name) => name;

    [Timed("pantry_count_seconds", "Timed on the class method")]
    public int Count() => 2;

    /// <summary>Not an interface method, so the interface's attribute does not reach it.</summary>
    public string Extra() => _extra;
}

/// <summary>Implements <see cref="IPantryHandlers"/> with [Timed] on the class, which wins over the interface and its methods.</summary>
[Timed("cellar_class_seconds", "Timed on the class")]
public sealed class CellarHandlers : IPantryHandlers
{
    public string List() => "wine";

    public string Get(string name) => name;

    public int Count() => 1;
}
