using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// Starts an app written the way the README's recipe says, <c>builder.AddMetrics()</c>, the endpoints and
/// <c>app.MapMetrics()</c>, with no <c>UseEndpointMetrics()</c> unless a step adds it: on the test server, or on
/// real Kestrel at 127.0.0.1 when <paramref name="kestrelPort"/> is given.
/// </summary>
internal static class RecipeApp
{
    public static async Task<WebApplication> StartAsync(
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? configureServices = null,
        Action<WebApplication>? pipeline = null,
        int? kestrelPort = null)
    {
        var builder = WebApplication.CreateBuilder();
        if (kestrelPort is { } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Configuration["Metrics:IncludeDefaultMeters"] = "false";
        builder.AddMetrics();
        configureServices?.Invoke(builder);
        var app = builder.Build();
        pipeline?.Invoke(app);
        app.MapMetrics();
        map(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>Adds MVC with this test assembly's controllers.</summary>
    public static void AddControllers(WebApplicationBuilder builder) =>
        builder.Services.AddControllers().AddApplicationPart(typeof(RecipeApp).Assembly);
}
