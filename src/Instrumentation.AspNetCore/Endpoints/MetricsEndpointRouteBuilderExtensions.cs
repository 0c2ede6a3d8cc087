using Instrumentation.AspNetCore.Authentication;
using Instrumentation.AspNetCore.Endpoints;
using Instrumentation.Exposition;
using Instrumentation.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Prometheus/OpenMetrics metrics endpoint.</summary>
public static class MetricsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET</c> (and <c>HEAD</c>) on <paramref name="pattern"/> (default <see cref="MetricsOptions.Path"/>,
    /// <c>/metrics</c>) to a scrape of every registered metric, in OpenMetrics 1.0 or Prometheus text 0.0.4
    /// as the request's <c>Accept</c> header asks. When <c>Metrics:Authentication:Users</c> lists users, the
    /// endpoint requires HTTP basic authentication as one of them (401 otherwise, before any collection).
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <param name="pattern">
    /// The path, or null for the configured one. A literal path such as <c>/metrics</c>: route parameters
    /// (<c>/{id}</c>), catch-alls and other route syntax are refused, as they would serve the metrics on many paths.
    /// </param>
    /// <returns>A convention builder, so <c>RequireAuthorization</c>, <c>RequireHost</c> and the like apply.</returns>
    /// <exception cref="InvalidOperationException"><c>builder.AddMetrics()</c> was not called.</exception>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> is not a literal path starting with <c>/</c>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The metrics options are invalid (for example <c>Metrics:Path</c> is not a literal path).</exception>
    public static IEndpointConventionBuilder MapMetrics(this Routing.IEndpointRouteBuilder endpoints, string? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (pattern is not null && MetricsPath.Problem(pattern) is { } problem)
        {
            throw new ArgumentException($"The metrics path '{pattern}' {problem}", nameof(pattern));
        }

        var scraper = endpoints.ServiceProvider.GetService<MetricsScraper>()
            ?? throw new InvalidOperationException(
                "MapMetrics() needs the metrics services: call builder.AddMetrics() in Program.cs before building the app.");
        var authenticator = ActivatorUtilities.GetServiceOrCreateInstance<MetricsBasicAuthenticator>(endpoints.ServiceProvider);
        pattern ??= endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Path;
        Instrumentation.AspNetCore.EndpointMetrics.EndpointMetricsPlacement.AtMapMetrics(endpoints);

        return endpoints
            .MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], context => MetricsEndpointHandler.HandleAsync(context, scraper, authenticator))
            .WithDisplayName("Prometheus metrics")
            .WithMetadata(new MetricsEndpointMetadata());
    }
}
