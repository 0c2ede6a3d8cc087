namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>Settings of <c>app.UseEndpointMetrics()</c>.</summary>
public sealed class EndpointMetricsOptions
{
    /// <summary>
    /// Whether requests to an attributed endpoint that are answered before its handler runs (an
    /// authentication challenge 401, a forbid 403, a rate limiter's 429, ...) are recorded too, with the
    /// status they got and the time from the middleware to the answer. Default false: only handler work is
    /// recorded. Only requests that pass through the middleware can be seen, so for authentication and
    /// authorization rejections call <c>UseEndpointMetrics()</c> before <c>UseAuthentication()</c>.
    /// </summary>
    public bool IncludeRejectedRequests { get; set; }
}
