namespace Instrumentation.AspNetCore.Endpoints;

/// <summary>Marks the metrics endpoint, so HTTP metrics and middleware can recognise (and skip) it.</summary>
public sealed class MetricsEndpointMetadata;
