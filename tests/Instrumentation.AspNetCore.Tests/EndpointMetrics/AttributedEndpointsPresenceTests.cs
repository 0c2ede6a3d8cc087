using Instrumentation.AspNetCore.EndpointMetrics;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

/// <summary>While no endpoint carries a metrics attribute, the automatic endpoint metrics middleware leaves requests alone.</summary>
public sealed class AttributedEndpointsPresenceTests
{
    [Fact]
    public async Task AddMetrics_WithNoAttributedEndpoint_LeavesTheRequestsEndpointFeatureAlone()
    {
        await using var app = await StartAsync(a => a.MapGet("/plain", (HttpContext context) => FeatureName(context)));
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/plain")).Should().NotBe(nameof(EndpointMetricsFeature));
    }

    [Fact]
    public async Task AddMetrics_WithAnAttributedEndpoint_RecordsIt_AndStandsInForTheOthersToo()
    {
        // Routing could select the attributed one for any request, so every request gets the stand-in.
        await using var app = await StartAsync(a =>
        {
            a.MapGet("/plain", (HttpContext context) => FeatureName(context));
            a.MapGet("/timed", [Timed] () => "timed");
        });
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/plain")).Should().Be(nameof(EndpointMetricsFeature));
        await client.GetStringAsync("/timed");

        Histogram(app, "/timed").Should().Be(1);
    }

    [Fact]
    public async Task AttributedEndpointAddedAfterStart_IsRecordedOnceTheEndpointsChange()
    {
        var dynamic = new ChangingEndpoints();
        await using var app = await StartAsync(a =>
        {
            a.MapGet("/plain", () => "plain");
            ((IEndpointRouteBuilder)a).DataSources.Add(dynamic);
        });
        using var client = app.GetTestClient();
        (await client.GetStringAsync("/plain")).Should().Be("plain");

        dynamic.Add(new RouteEndpoint(
            static context => context.Response.WriteAsync("late"),
            RoutePatternFactory.Parse("/late"),
            order: 0,
            new EndpointMetadataCollection(new TimedAttribute(), new HttpMethodMetadata(["GET"])),
            "late"));
        (await client.GetStringAsync("/late")).Should().Be("late");

        Histogram(app, "/late").Should().Be(1);
    }

    [Fact]
    public async Task AttributedEndpointInABranchWithItsOwnRouting_IsRecorded()
    {
        await using var app = await StartAsync(a =>
        {
            a.MapGet("/plain", () => "plain");
            a.Map("/branch", branch => branch.UseRouting().UseEndpoints(e => e.MapGet("/timed", [Timed] () => "timed")));
        });
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/branch/timed")).Should().Be("timed");

        Histogram(app, "/timed").Should().Be(1);
    }

    [Fact]
    public async Task AttributedEndpointOnARouteGroup_IsRecorded()
    {
        await using var app = await StartAsync(a => a.MapGroup("/api").WithMetadata(new TimedAttribute()).MapGet("/fruit", () => "fruit"));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/api/fruit");

        Histogram(app, "/api/fruit").Should().Be(1);
    }

    [Fact]
    public async Task AttributedErrorEndpoint_ReachedOnlyByTheExceptionHandlersReexecution_IsRecorded()
    {
        await using var app = await StartAsync(a =>
        {
            a.UseExceptionHandler("/error");
            a.MapGet("/boom", string () => throw new InvalidOperationException("boom"));
            a.MapGet("/error", [Timed] () => Results.Text("sorry", statusCode: 500));
        });
        using var client = app.GetTestClient();

        (await client.GetAsync("/boom")).StatusCode.Should().Be(System.Net.HttpStatusCode.InternalServerError);

        app.Services.GetRequiredService<MetricFactory>().GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/error", "500").Count.Should().Be(1);
    }

    [Fact]
    public async Task AttributedController_IsRecorded()
    {
        await using var app = await StartAsync(
            a => a.MapControllers(),
            b => b.Services.AddControllers().AddApplicationPart(typeof(FruitController).Assembly));
        using var client = app.GetTestClient();

        (await client.GetAsync("/mvc/fruit")).IsSuccessStatusCode.Should().BeTrue();

        app.Services.GetRequiredService<MetricFactory>().GetHistogram("mvc_fruit_seconds", "GET", "/mvc/fruit", "200").Count.Should().Be(1);
    }

    [Fact]
    public async Task AnEndpointDataSourceServiceThatIsNotRoutingsOwn_KeepsTheStandIn()
    {
        // Replaced by an app or a library, it may not list what routing selects: whether attributes exist is unknown.
        await using var app = await StartAsync(
            a => a.MapGet("/plain", (HttpContext context) => FeatureName(context)),
            b => b.Services.AddSingleton<EndpointDataSource>(new ChangingEndpoints()));
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/plain")).Should().Be(nameof(EndpointMetricsFeature));
    }

    [Fact]
    public void Any_WithoutAnEndpointDataSource_IsTrue_SoEveryRequestGetsTheStandIn()
    {
        new AttributedEndpointsPresence(null).Any.Should().BeTrue();
    }

    [Fact]
    public void Any_WhenTheEndpointsCannotBeRead_IsTrue()
    {
        new AttributedEndpointsPresence(new CompositeEndpointDataSource([new FailingEndpoints()])).Any.Should().BeTrue();
    }

    private static string FeatureName(HttpContext context) => context.Features.Get<IEndpointFeature>()?.GetType().Name ?? "none";

    private static double Histogram(WebApplication app, string route) => EndpointMetricsApp.TimedCount(app, route);

    private static Task<WebApplication> StartAsync(Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null) =>
        EndpointMetricsApp.StartAutomaticAsync(map, configure);

    /// <summary>Endpoints that can grow after start, signalling each change through their token, as MVC's or a proxy's do.</summary>
    private sealed class ChangingEndpoints : EndpointDataSource
    {
        private readonly Lock _lock = new();
        private List<Endpoint> _endpoints = [];
        private CancellationTokenSource _changed = new();

        public override IReadOnlyList<Endpoint> Endpoints
        {
            get
            {
                lock (_lock)
                {
                    return _endpoints;
                }
            }
        }

        public override IChangeToken GetChangeToken()
        {
            lock (_lock)
            {
                return new CancellationChangeToken(_changed.Token);
            }
        }

        public void Add(Endpoint endpoint)
        {
            CancellationTokenSource changed;
            lock (_lock)
            {
                _endpoints = [.. _endpoints, endpoint];
                changed = _changed;
                _changed = new CancellationTokenSource();
            }

            changed.Cancel();
        }
    }

    private sealed class FailingEndpoints : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => throw new InvalidOperationException("broken source");

        public override IChangeToken GetChangeToken() => new CancellationChangeToken(CancellationToken.None);
    }
}
