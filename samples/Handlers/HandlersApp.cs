namespace Handlers;

/// <summary>Names this sample's assembly, so tests can boot it with <c>WebApplicationFactory&lt;HandlersApp&gt;</c>.</summary>
public sealed class HandlersApp;
