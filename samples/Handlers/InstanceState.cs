namespace Handlers;

/// <summary>Which instance is active and how it authenticates: what <c>GET /instances</c> returns and <c>PUT /instances</c> takes.</summary>
public sealed record InstanceState(string? ActiveInstance, string? AuthType);
