namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// Settings of the middleware that applies the endpoint attributes: for the one <c>builder.AddMetrics()</c>
/// places automatically, configured as a service (<c>builder.Services.Configure&lt;EndpointMetricsOptions&gt;(...)</c>);
/// for <c>app.UseEndpointMetrics(configure)</c>, given to that call (the service's settings do not apply there).
/// </summary>
public sealed class EndpointMetricsOptions
{
    /// <summary>
    /// Whether requests to an attributed endpoint that are answered before its handler runs (an
    /// authentication challenge 401, a forbid 403, a rate limiter's 429, ...) are recorded too, with the
    /// status they got and the time from the moment the endpoint was known (routing's choice, or the middleware
    /// when it sits after routing) to the answer. Default false: only handler work is recorded. Only requests that
    /// pass through the middleware can be seen: the automatic placement, at the start of the pipeline, sees them
    /// all; <c>UseEndpointMetrics()</c> must come before <c>UseAuthentication()</c> to see its rejections.
    /// </summary>
    public bool IncludeRejectedRequests { get; set; }
}
