namespace Instrumentation.AspNetCore.HttpMetrics;

/// <summary>
/// Settings of <c>app.UseHttpMetrics()</c>, bound from the <c>"Metrics:Http"</c> configuration section and
/// validated when the pipeline is built. They act on ASP.NET Core's built-in <c>http.server.request.duration</c>
/// (exported as <c>http_server_request_duration_seconds</c>) and on our request and response size histograms.
/// </summary>
public sealed class HttpMetricsOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Metrics:Http";

    /// <summary>The route label of requests that matched no endpoint.</summary>
    public const string UnmatchedRoute = "unmatched";

    /// <summary>
    /// The paths excluded by default while <see cref="ExcludeDefaultPaths"/> is on: the metrics endpoint
    /// (<c>/metrics</c>, and <c>Metrics:Path</c> when changed) and health checks.
    /// </summary>
    public static IReadOnlyList<string> DefaultExcludedPaths { get; } = ["/metrics", "/health*", "/healthz"];

    /// <summary>Whether the <see cref="DefaultExcludedPaths"/> are excluded. Default true.</summary>
    public bool ExcludeDefaultPaths { get; set; } = true;

    /// <summary>
    /// More request paths not recorded at all: exact paths, or patterns where <c>*</c> matches any characters
    /// (<c>/internal/*</c>); matched case-insensitively against the request path.
    /// </summary>
    public IList<string> ExcludedPaths { get; } = new List<string>();

    /// <summary>
    /// Whether status codes are grouped by class (<c>2xx</c>, <c>4xx</c>, <c>5xx</c>): in the status label of the
    /// size histograms, and in the <c>http_response_status_code</c> label of ASP.NET Core's
    /// <c>http_server_request_duration_seconds</c> as this host's <c>/metrics</c> and pushes show it, where the series
    /// of one class are added up. Default false: the exact code. (OTLP export keeps the exact code.)
    /// </summary>
    public bool GroupStatusCodes { get; set; }

    /// <summary>
    /// Whether requests that matched no endpoint (a 404 from routing, for example) get the route label
    /// <see cref="UnmatchedRoute"/> on <c>http.server.request.duration</c>, where ASP.NET Core leaves it out.
    /// Default true. Our size histograms always use it, never the raw path.
    /// </summary>
    public bool GroupUnmatchedRoutes { get; set; } = true;

    /// <summary>
    /// Whether <c>http_request_size_bytes</c> and <c>http_response_size_bytes</c> are recorded, by method, route
    /// and status: the body bytes the application read and wrote. A request's declared <c>Content-Length</c> is
    /// never used, so a body left unread counts 0 bytes. Default true.
    /// </summary>
    public bool Sizes { get; set; } = true;
}
