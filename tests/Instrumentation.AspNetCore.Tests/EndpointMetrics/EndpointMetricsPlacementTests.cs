using System.Net;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

/// <summary>Where the endpoint metrics middleware ends up when the app does not place it, and what happens when it does.</summary>
public sealed class EndpointMetricsPlacementTests
{
    [Fact]
    public async Task AddMetrics_WithoutMapMetrics_StillRecords()
    {
        await using var app = await StartAsync(throughCoreOverload: false, a => a.MapGet("/pushed", [Timed] () => "pushed"));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/pushed");

        Histogram(app, "/pushed").Should().Be(1);
    }

    [Fact]
    public async Task AddMetrics_MapMetricsOnARouteGroup_StillRecords()
    {
        await using var app = await StartAsync(throughCoreOverload: false, a =>
        {
            a.MapGroup("/ops").MapMetrics();
            a.MapGet("/fruit", [Timed] () => "fruit");
        });
        using var client = app.GetTestClient();

        await client.GetStringAsync("/fruit");

        Histogram(app, "/fruit").Should().Be(1);
        (await client.GetStringAsync("/ops/metrics")).Should().Contain("route=\"/fruit\"");
    }

    [Fact]
    public async Task CoreAddMetricsThroughIHostApplicationBuilder_MapMetricsOnTheApp_PlacesTheMiddlewareThere()
    {
        await using var app = await StartAsync(throughCoreOverload: true, a =>
        {
            a.MapMetrics();
            a.MapGet("/fruit", [Timed, Counted] () => "fruit");
        });
        using var client = app.GetTestClient();

        await client.GetStringAsync("/fruit");

        Histogram(app, "/fruit").Should().Be(1);
        app.Services.GetRequiredService<MetricFactory>().GetValue(CountedAttribute.DefaultEndpointName, "GET", "/fruit", "200", "success", "none").Should().Be(1);
    }

    [Fact]
    public async Task CoreAddMetricsThroughIHostApplicationBuilder_MapMetricsBeforeUseRouting_StillRecords()
    {
        await using var app = await StartAsync(throughCoreOverload: true, a =>
        {
            a.MapMetrics();
            a.UsePathBase("/shop");
            a.UseRouting();
            a.MapGet("/fruit", [Timed] () => "fruit");
        });
        using var client = app.GetTestClient();

        await client.GetStringAsync("/shop/fruit");

        Histogram(app, "/fruit").Should().Be(1);
    }

    [Fact]
    public async Task CoreAddMetricsThroughIHostApplicationBuilder_MapMetricsAndUseEndpointMetrics_RecordsOnce()
    {
        await using var app = await StartAsync(throughCoreOverload: true, a =>
        {
            a.MapMetrics();
            a.UseEndpointMetrics();
            a.MapGet("/fruit", [Timed, Counted] () => "fruit");
        });
        using var client = app.GetTestClient();

        await client.GetStringAsync("/fruit");

        Histogram(app, "/fruit").Should().Be(1);
        app.Services.GetRequiredService<MetricFactory>().GetValue(CountedAttribute.DefaultEndpointName, "GET", "/fruit", "200", "success", "none").Should().Be(1);
    }

    [Fact]
    public async Task CoreAddMetricsThroughIHostApplicationBuilder_MapMetricsOnARouteGroup_LogsWhatToCall()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await StartAsync(
            throughCoreOverload: true,
            a =>
            {
                a.MapGroup("/ops").MapMetrics();
                a.MapGet("/fruit", [Timed] () => "fruit");
            },
            logs);

        logs.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Category == "Instrumentation.AspNetCore.EndpointMetrics")
            .Which.Message.Should().Contain("builder.AddMetrics() on the WebApplicationBuilder").And.Contain("app.UseEndpointMetrics()");
    }

    [Fact]
    public async Task AddMetrics_MapMetricsOnTheApp_PlacesNothingMoreThanTheStartupFilter()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await StartAsync(
            throughCoreOverload: false,
            a =>
            {
                a.MapMetrics();
                a.MapMetrics("/metrics2");
                a.MapGet("/fruit", [Timed] () => "fruit");
            },
            logs);
        using var client = app.GetTestClient();

        await client.GetStringAsync("/fruit");

        Histogram(app, "/fruit").Should().Be(1);
        logs.Entries.Should().NotContain(e => e.Category == "Instrumentation.AspNetCore.EndpointMetrics");
    }

    [Fact]
    public async Task ShortCircuitedEndpoint_IsRecordedByTheAutomaticPlacement()
    {
        await using var app = await StartAsync(throughCoreOverload: false, a => a.MapGet("/short", [Timed] () => "short").ShortCircuit());
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/short")).Should().Be("short");

        Histogram(app, "/short").Should().Be(1);
    }

    [Fact]
    public async Task UseEndpointMetricsBeforeRouting_WithIncludeRejectedRequests_RecordsThe401Once()
    {
        await using var app = await StartAsync(
            throughCoreOverload: false,
            a =>
            {
                a.UseEndpointMetrics(o => o.IncludeRejectedRequests = true);
                a.UseRouting();
                a.UseAuthentication();
                a.UseAuthorization();
                a.MapGet("/secret", [Authorize, Timed, Counted] () => "secret");
            },
            configure: AddHeaderAuthentication);
        using var client = app.GetTestClient();

        (await client.GetAsync("/secret")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secret");
        request.Headers.Add(HeaderAuthenticationHandler.HeaderName, "alice");
        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/secret", "401").Count.Should().Be(1);
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/secret", "200").Count.Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/secret", "401", "failure", "none").Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/secret", "200", "success", "none").Should().Be(1);
    }

    [Fact]
    public async Task UseEndpointMetricsInABranch_TurnsTheAutomaticPlacementOff_SoItsOwnSettingsApply()
    {
        await using var app = await StartAsync(
            throughCoreOverload: false,
            a =>
            {
                a.UseRouting();
                a.UseWhen(
                    context => context.Request.Path.StartsWithSegments("/secret", StringComparison.Ordinal),
                    branch => branch.UseEndpointMetrics(o => o.IncludeRejectedRequests = true));
                a.UseAuthentication();
                a.UseAuthorization();
                a.MapGet("/secret", [Authorize, Timed] () => "secret");
            },
            configure: AddHeaderAuthentication);
        using var client = app.GetTestClient();

        (await client.GetAsync("/secret")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        app.Services.GetRequiredService<MetricFactory>()
            .GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/secret", "401").Count.Should().Be(1);
    }

    [Fact]
    public async Task ExceptionHandlerReexecution_RecordsTheFailedCallOnce_AndTheErrorEndpointIfAttributed()
    {
        await using var app = await StartAsync(throughCoreOverload: false, a =>
        {
            a.UseExceptionHandler("/error");
            a.MapGet("/boom", [Timed] string () => throw new InvalidOperationException("boom"));
            a.MapGet("/error", [Counted("error_pages", "Error pages")] () => Results.Text("sorry", statusCode: 500));
        });
        using var client = app.GetTestClient();

        (await client.GetAsync("/boom")).StatusCode.Should().Be(HttpStatusCode.InternalServerError);

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/boom", "500").Count.Should().Be(1);
        metrics.GetValue("error_pages", "GET", "/error", "500", "failure", "none").Should().Be(1);
    }

    private static void AddHeaderAuthentication(WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
    }

    private static double Histogram(WebApplication app, string route) => EndpointMetricsApp.TimedCount(app, route);

    private static Task<WebApplication> StartAsync(
        bool throughCoreOverload,
        Action<WebApplication> configureApp,
        CapturingLoggerProvider? logs = null,
        Action<WebApplicationBuilder>? configure = null) =>
        EndpointMetricsApp.StartAutomaticAsync(configureApp, configure, throughCoreOverload, logs);
}
