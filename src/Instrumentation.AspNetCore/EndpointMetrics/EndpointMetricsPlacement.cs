using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// Where the endpoint metrics middleware goes in an app. Where the app calls <c>UseEndpointMetrics()</c>, if it
/// does: that call wins, and nothing else is placed. Otherwise automatically: at the very start of the pipeline,
/// through the <see cref="EndpointMetricsStartupFilter"/> that <c>AddMetrics()</c> on a <c>WebApplicationBuilder</c>
/// registers, or, when that overload did not run (the core <c>AddMetrics()</c> reached through an
/// <c>IHostApplicationBuilder</c>), where <c>MapMetrics()</c> is called on the app. The decision is taken when the
/// pipeline is built, once every call of Program.cs has been made, so the order of the calls does not matter.
/// </summary>
internal static class EndpointMetricsPlacement
{
    /// <summary>The logger category of everything the endpoint attributes log.</summary>
    public const string LoggerCategory = "Instrumentation.AspNetCore.EndpointMetrics";

    // IApplicationBuilder.Properties keys. A WebApplication copies its properties into the pipeline the startup
    // filter sees, so a mark set on the app by UseEndpointMetrics() is visible there when the pipeline is built.
    private const string ExplicitKey = "Instrumentation.AspNetCore.EndpointMetrics.UseEndpointMetrics";
    private const string AtMapMetricsKey = "Instrumentation.AspNetCore.EndpointMetrics.AtMapMetrics";

    /// <summary>Notes that the app placed the middleware itself, which turns the automatic placement off.</summary>
    public static void MarkExplicit(IApplicationBuilder app)
    {
        app.Properties[ExplicitKey] = true;
        app.ApplicationServices.GetService<EndpointMetricsStartupFilter>()?.MarkPlacedExplicitly();
    }

    /// <summary>The middleware, with its own endpoint sites (so its own <paramref name="options"/>).</summary>
    /// <exception cref="InvalidOperationException"><c>builder.AddMetrics()</c> was not called.</exception>
    public static Func<RequestDelegate, RequestDelegate> Middleware(IServiceProvider services, EndpointMetricsOptions options)
    {
        var factory = services.GetService<MetricFactory>()
            ?? throw new InvalidOperationException(
                "UseEndpointMetrics() needs the metrics services: call builder.AddMetrics() in Program.cs before building the app.");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        var sites = new EndpointMetricsSites(factory, logger, options);
        var attributed = new AttributedEndpointsPresence(services.GetService<EndpointDataSource>());
        return next => new EndpointMetricsMiddleware(next, sites, attributed, options).InvokeAsync;
    }

    /// <summary>
    /// Adds the automatic middleware here, unless the app turns out to call <c>UseEndpointMetrics()</c> itself; its
    /// settings are the <see cref="EndpointMetricsOptions"/> configured as a service.
    /// </summary>
    public static void UseAutomatic(IApplicationBuilder app) =>
        app.Use(next => IsPlacedExplicitly(app)
            ? next
            : Middleware(app.ApplicationServices, app.ApplicationServices.GetRequiredService<IOptions<EndpointMetricsOptions>>().Value)(next));

    private static bool IsPlacedExplicitly(IApplicationBuilder app) =>
        app.Properties.ContainsKey(ExplicitKey) || app.ApplicationServices.GetService<EndpointMetricsStartupFilter>()?.PlacedExplicitly is true;

    /// <summary>
    /// Called by <c>MapMetrics()</c>: when the startup filter is not registered, places the automatic middleware
    /// where <c>MapMetrics()</c> is called on the app, or, if it is called on a route group (which cannot reach the
    /// app's pipeline), says in the log what to call.
    /// </summary>
    public static void AtMapMetrics(IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(EndpointMetricsStartupFilter)) is true)
        {
            return;
        }

        if (endpoints is IApplicationBuilder app)
        {
            if (app.Properties.TryAdd(AtMapMetricsKey, true))
            {
                UseAutomatic(app);
            }

            return;
        }

        EndpointMetricsLog.CannotPlaceAutomatically(services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory));
    }
}
