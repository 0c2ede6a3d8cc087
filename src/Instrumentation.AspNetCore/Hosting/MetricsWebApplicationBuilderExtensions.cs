using Instrumentation;
using Instrumentation.AspNetCore.EndpointMetrics;
using Instrumentation.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers Instrumentation's metrics on a web application builder, endpoint attributes included.</summary>
/// <remarks>
/// In the namespace of the core <see cref="MetricsHostApplicationBuilderExtensions.AddMetrics"/>, not the one of
/// <see cref="WebApplicationBuilder"/>: wherever the core overload is in scope so is this one, and on a
/// <see cref="WebApplicationBuilder"/> this one is the better match, so <c>builder.AddMetrics()</c> in Program.cs
/// always binds here.
/// </remarks>
public static class MetricsWebApplicationBuilderExtensions
{
    /// <summary>
    /// Does everything <see cref="MetricsHostApplicationBuilderExtensions.AddMetrics"/> does, and applies
    /// <see cref="TimedAttribute"/>, <see cref="CountedAttribute"/> and <see cref="TrackInProgressAttribute"/> to the
    /// app's endpoints (minimal API handlers and MVC actions) with no further call: a startup filter puts the
    /// endpoint metrics middleware at the start of the pipeline, where it records around the handler of the endpoint
    /// routing selects, wherever the app routes, after authentication and authorization. Its settings are the
    /// <see cref="EndpointMetricsOptions"/> configured as a service
    /// (<c>builder.Services.Configure&lt;EndpointMetricsOptions&gt;(...)</c>). An app that calls
    /// <c>app.UseEndpointMetrics()</c> places the middleware itself, and the automatic one stands aside. Calling
    /// this again is harmless.
    /// </summary>
    /// <param name="builder">The web application builder (<c>WebApplication.CreateBuilder</c>).</param>
    /// <param name="configure">Optional changes to the options in code.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder, Action<MetricsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MetricsHostApplicationBuilderExtensions.AddMetrics(builder, configure);

        var services = builder.Services;
        services.AddOptions<EndpointMetricsOptions>();
        if (!services.Any(static d => d.ServiceType == typeof(EndpointMetricsStartupFilter)))
        {
            // Registered as itself too, so MapMetrics() can tell that the middleware is placed already.
            services.AddSingleton<EndpointMetricsStartupFilter>();
            services.AddSingleton<IStartupFilter>(static provider => provider.GetRequiredService<EndpointMetricsStartupFilter>());
        }

        return builder;
    }
}
