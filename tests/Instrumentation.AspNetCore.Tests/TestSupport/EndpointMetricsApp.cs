using Instrumentation.AspNetCore.EndpointMetrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Instrumentation.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>Starts an in-process app with AddMetrics() and UseEndpointMetrics(), or with the automatic placement, for the attribute tests.</summary>
internal static class EndpointMetricsApp
{
    public static async Task<WebApplication> StartAsync(
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? configureServices = null,
        Action<WebApplication>? beforeMetrics = null,
        Action<EndpointMetricsOptions>? options = null,
        Action<WebApplication>? afterMetrics = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Metrics:IncludeDefaultMeters"] = "false";
        builder.AddMetrics();
        configureServices?.Invoke(builder);
        var app = builder.Build();
        beforeMetrics?.Invoke(app);
        app.UseEndpointMetrics(options);
        afterMetrics?.Invoke(app);
        map(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// Starts an app that leaves the endpoint metrics middleware to <c>AddMetrics()</c>'s automatic placement: through the
    /// <c>WebApplicationBuilder</c> overload, or through the core <c>IHostApplicationBuilder</c> one.
    /// </summary>
    public static async Task<WebApplication> StartAutomaticAsync(
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? configure = null,
        bool throughCoreOverload = false,
        ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Metrics:IncludeDefaultMeters"] = "false";
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        if (throughCoreOverload)
        {
            // As a helper generic over IHostApplicationBuilder (Aspire's AddServiceDefaults, say) would call it.
            ((IHostApplicationBuilder)builder).AddMetrics();
        }
        else
        {
            builder.AddMetrics();
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>How many GET calls of <paramref name="route"/> answered 200 the default <c>[Timed]</c> histogram holds.</summary>
    public static double TimedCount(WebApplication app, string route) =>
        app.Services.GetRequiredService<MetricFactory>().GetHistogram(TimedAttribute.DefaultEndpointName, "GET", route, "200").Count;
}
