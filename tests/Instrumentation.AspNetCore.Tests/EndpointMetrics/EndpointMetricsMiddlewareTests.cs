using System.Net;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

public sealed class EndpointMetricsMiddlewareTests
{
    [Fact]
    public async Task Timed_OnLambda_RecordsIntoItsNamedHistogramWithMethodRouteAndStatus()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
            a.MapGet("/fruit/{name}", [Timed("http_latency", "HTTP latency")] (string name) => name));
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/fruit/apple")).Should().Be("apple");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        var family = metrics.Find("http_latency")!;
        family.Help.Should().Be("HTTP latency");
        family.LabelNames.Should().Equal("method", "route", "status_code");
        metrics.GetHistogram("http_latency", "GET", "/fruit/{name}", "200").Count.Should().Be(1);
    }

    [Fact]
    public async Task Timed_TwoDifferentIds_ShareOneSeriesLabelledWithTheRouteTemplate()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
            a.MapGet("/orders/{id:int}", [Timed] (int id) => id));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/orders/1");
        await client.GetStringAsync("/orders/2");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        var histogram = (Instruments.Histogram)metrics.Find(TimedAttribute.DefaultEndpointName)!;
        histogram.SeriesCount.Should().Be(1);
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/orders/{id:int}", "200").Count.Should().Be(2);
        metrics.ExpositionOf(Exposition.ExpositionFormat.PrometheusText).Should().NotContain("/orders/1");
    }

    [Fact]
    public async Task Timed_OnLocalFunction_Records()
    {
        [Timed("local_function_seconds", "Local function")]
        static string Hello() => "hello";

        await using var app = await EndpointMetricsApp.StartAsync(a => a.MapGet("/hello", Hello));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/hello");

        app.Services.GetRequiredService<MetricFactory>().GetHistogram("local_function_seconds", "GET", "/hello", "200").Count.Should().Be(1);
    }

    [Fact]
    public async Task Timed_OnMethodGroupClass_AppliesToItsMethods_AndTheMethodsOwnAttributeWins()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
        {
            a.MapGet("/handlers", FruitHandlers.List);
            a.MapGet("/handlers/{name}", FruitHandlers.Get);
        });
        using var client = app.GetTestClient();

        await client.GetStringAsync("/handlers");
        await client.GetStringAsync("/handlers/cherry");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram("fruit_handlers_seconds", "GET", "/handlers", "200").Count.Should().Be(1);
        metrics.GetHistogram("fruit_handler_get_seconds", "GET", "/handlers/{name}", "200").Count.Should().Be(1);
        ((Instruments.Histogram)metrics.Find("fruit_handlers_seconds")!).SeriesCount.Should().Be(1);
    }

    [Fact]
    public async Task Timed_WithoutName_UsesTheSharedEndpointDefault_WithSecondsUnit()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
        {
            a.MapGet("/a", [Timed] () => "a");
            a.MapPost("/b", [Timed] () => Results.Created("/b/1", null));
        });
        using var client = app.GetTestClient();

        await client.GetStringAsync("/a");
        (await client.PostAsync("/b", null)).StatusCode.Should().Be(HttpStatusCode.Created);

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.Find(TimedAttribute.DefaultEndpointName)!.Unit.Should().Be("seconds");
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/a", "200").Count.Should().Be(1);
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "POST", "/b", "201").Count.Should().Be(1);
    }

    [Fact]
    public async Task Timed_WithQuantiles_RecordsIntoASummary()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
            a.MapGet("/slow", [Timed("slow_seconds", "Slow", Quantiles = new[] { 0.5, 0.99 })] () => "ok"));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/slow");

        var summary = app.Services.GetRequiredService<MetricFactory>().GetSummary("slow_seconds", "GET", "/slow", "200");
        summary.Count.Should().Be(1);
        summary.Quantiles.Select(q => q.Quantile).Should().Equal(0.5, 0.99);
    }

    [Fact]
    public async Task Timed_WithBucketsAndExtraLabels_UsesThemInOrder()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
            a.MapGet("/team", [Timed("team_seconds", "Team", Buckets = new[] { 0.5, 2 }, ExtraLabels = new[] { "team", "fruit" })] () => "ok"));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/team");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.Find("team_seconds")!.LabelNames.Should().Equal("method", "route", "status_code", "team");
        var histogram = metrics.GetHistogram("team_seconds", "GET", "/team", "200", "fruit");
        histogram.Buckets.Select(b => b.UpperBound).Should().Equal(0.5, 2, double.PositiveInfinity);
    }

    [Fact]
    public async Task Counted_CountsSuccessesWithExceptionNone()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
            a.MapGet("/count", [Counted("calls", "Calls")] () => "ok"));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/count");
        await client.GetStringAsync("/count");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.Find("calls")!.LabelNames.Should().Equal("method", "route", "status_code", "result", "exception");
        metrics.GetValue("calls", "GET", "/count", "200", "success", "none").Should().Be(2);
    }

    [Fact]
    public async Task Counted_ServerErrorStatus_IsAFailure_AndFailuresOnlySkipsSuccesses()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
        {
            a.MapGet("/fail", [Counted(FailuresOnly = true)] () => Results.StatusCode(503));
            a.MapGet("/fine", [Counted(FailuresOnly = true)] () => "ok");
        });
        using var client = app.GetTestClient();

        await client.GetAsync("/fail");
        await client.GetAsync("/fine");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/fail", "503", "failure", "none").Should().Be(1);
        ((Instruments.Counter)metrics.Find(CountedAttribute.DefaultEndpointName)!).SeriesCount.Should().Be(1);
    }

    [Fact]
    public async Task TrackInProgress_IsRaisedWhileTheHandlerRuns_AndLoweredAfter()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await EndpointMetricsApp.StartAsync(a =>
            a.MapGet("/busy", [TrackInProgress] async () =>
            {
                entered.SetResult();
                await release.Task;
                return "done";
            }));
        using var client = app.GetTestClient();
        var metrics = app.Services.GetRequiredService<MetricFactory>();

        var request = client.GetStringAsync("/busy");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        metrics.GetValue(TrackInProgressAttribute.DefaultEndpointName, "GET", "/busy").Should().Be(1);
        release.SetResult();
        await request.WaitAsync(TimeSpan.FromSeconds(5));

        metrics.GetValue(TrackInProgressAttribute.DefaultEndpointName, "GET", "/busy").Should().Be(0);
    }

    [Fact]
    public async Task EndpointsWithoutAttributes_AreNotRecordedNorReplaced()
    {
        Endpoint? seen = null;
        await using var app = await EndpointMetricsApp.StartAsync(
            a => a.MapGet("/plain", (HttpContext context) =>
            {
                seen = context.GetEndpoint();
                return "plain";
            }));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/plain");

        app.Services.GetRequiredService<MetricFactory>().Families.Should().BeEmpty();
        seen.Should().BeOfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().Which.RequestDelegate!.Target.Should().NotBeOfType<Instrumentation.AspNetCore.EndpointMetrics.EndpointMetricsSite>();
    }

    [Fact]
    public async Task AttributedEndpoint_LaterMiddlewareSeesTheSameRoutePatternAndMetadata()
    {
        Endpoint? seen = null;
        await using var app = await EndpointMetricsApp.StartAsync(
            a => a.MapGet("/seen/{id}", [Timed] (string id) => id).WithName("seen-endpoint"),
            afterMetrics: a => a.Use(async (context, next) =>
            {
                seen = context.GetEndpoint();
                await next(context);
            }));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/seen/1");

        var route = seen.Should().BeOfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().Subject;
        route.RoutePattern.RawText.Should().Be("/seen/{id}");
        route.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName.Should().Be("seen-endpoint");
    }

    [Fact]
    public async Task UseEndpointMetrics_WithoutAddMetrics_FailsNamingTheMissingCall()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var use = () => app.UseEndpointMetrics();

        use.Should().Throw<InvalidOperationException>().WithMessage("*builder.AddMetrics()*");
    }
}
