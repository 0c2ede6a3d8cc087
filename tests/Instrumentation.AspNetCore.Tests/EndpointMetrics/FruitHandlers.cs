namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

/// <summary>Minimal API handlers passed as method groups: [Timed] on the class, one method with its own.</summary>
[Timed("fruit_handlers_seconds", "Timed on the class")]
internal static class FruitHandlers
{
    public static string List() => "apple,banana";

    [Timed("fruit_handler_get_seconds", "Timed on the method")]
    public static string Get(string name) => name;
}
