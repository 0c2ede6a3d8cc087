using Instrumentation;
using Instrumentation.AspNetCore.EndpointMetrics;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Applies the metrics attributes (<c>[Timed]</c>, <c>[Counted]</c>, <c>[TrackInProgress]</c>) to endpoints.</summary>
public static class EndpointMetricsApplicationBuilderExtensions
{
    /// <summary>
    /// Records the calls of every endpoint (minimal API handler or MVC action) that carries
    /// <see cref="TimedAttribute"/>, <see cref="CountedAttribute"/> or <see cref="TrackInProgressAttribute"/>, on
    /// the handler, its class, or the interface method it implements or that method's interface (in that order
    /// of precedence), labelled with the HTTP method, the route template and the status code.
    /// <c>builder.AddMetrics()</c> on a <c>WebApplicationBuilder</c> already does this at the start of the pipeline;
    /// call this to place the middleware yourself, or to give it its own <paramref name="configure"/>. Once the app
    /// calls it, the automatic placement is off, so nothing is recorded twice. It works before or after routing
    /// and measures the handler alone, after authentication, authorization and the middleware that follows routing.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <param name="configure">Optional settings, such as <see cref="EndpointMetricsOptions.IncludeRejectedRequests"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>builder.AddMetrics()</c> was not called.</exception>
    public static IApplicationBuilder UseEndpointMetrics(this IApplicationBuilder app, Action<EndpointMetricsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = new EndpointMetricsOptions();
        configure?.Invoke(options);

        var middleware = EndpointMetricsPlacement.Middleware(app.ApplicationServices, options);
        EndpointMetricsPlacement.MarkExplicit(app);
        return app.Use(middleware);
    }
}
