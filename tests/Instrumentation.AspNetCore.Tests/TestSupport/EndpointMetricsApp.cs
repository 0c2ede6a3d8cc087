using Instrumentation.AspNetCore.EndpointMetrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>Starts an in-process app with AddMetrics() and UseEndpointMetrics(), for the attribute tests.</summary>
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
}
