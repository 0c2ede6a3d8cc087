using System.Net;
using Instrumentation.AspNetCore.EndpointMetrics;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

/// <summary>
/// Project issue 15, item 2: the recipe, <c>builder.AddMetrics()</c>, <c>[Timed]</c> on handlers and
/// <c>app.MapMetrics()</c>, with no <c>app.UseEndpointMetrics()</c>, records the attributed calls.
/// </summary>
public sealed class EndpointMetricsRecipeTests
{
    [Fact]
    public async Task Recipe_WithoutUseEndpointMetrics_RecordsTheTimedLambdaAndTheMvcAction()
    {
        await using var app = await RecipeApp.StartAsync(
            a =>
            {
                a.MapGet("/fruit/{name}", [Timed("http_latency", "HTTP latency")] (string name) => name);
                a.MapControllers();
            },
            RecipeApp.AddControllers);
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/fruit/apple")).Should().Be("apple");
        await client.GetStringAsync("/mvc/fruit/1");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram("http_latency", "GET", "/fruit/{name}", "200").Count.Should().Be(1);
        metrics.GetHistogram("mvc_fruit_get_seconds", "GET", "/mvc/fruit/{id}", "200").Count.Should().Be(1);
        (await client.GetStringAsync("/metrics")).Should()
            .Contain("http_latency_count{method=\"GET\",route=\"/fruit/{name}\",status_code=\"200\"} 1");
    }

    [Fact]
    public async Task Recipe_OnKestrel_RecordsTheTimedLambda()
    {
        var port = FreePort.Next();
        await using var app = await RecipeApp.StartAsync(
            a => a.MapGet("/fruit/{name}", [Timed("http_latency", "HTTP latency")] (string name) => name),
            kestrelPort: port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // Two requests on one keep-alive connection: Kestrel reuses its feature collection between them.
        (await client.GetStringAsync("/fruit/apple")).Should().Be("apple");
        (await client.GetStringAsync("/fruit/cherry")).Should().Be("cherry");

        app.Services.GetRequiredService<MetricFactory>().GetHistogram("http_latency", "GET", "/fruit/{name}", "200").Count.Should().Be(2);
        (await client.GetStringAsync("/metrics")).Should()
            .Contain("http_latency_count{method=\"GET\",route=\"/fruit/{name}\",status_code=\"200\"} 2");
    }

    [Fact]
    public async Task Recipe_AuthorizeWithoutCredentials_The401IsNotRecordedAsHandlerTime()
    {
        await using var app = await StartWithAuthorizationAsync();
        using var client = app.GetTestClient();

        (await client.GetAsync("/secret")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsUserAsync(client)).StatusCode.Should().Be(HttpStatusCode.OK);

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/secret", "200").Count.Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/secret", "200", "success", "none").Should().Be(1);
        ((Instruments.Histogram)metrics.Find(TimedAttribute.DefaultEndpointName)!).SeriesCount.Should().Be(1);
        ((Instruments.Counter)metrics.Find(CountedAttribute.DefaultEndpointName)!).SeriesCount.Should().Be(1);
    }

    [Fact]
    public async Task Recipe_IncludeRejectedRequestsConfiguredAsAService_RecordsThe401()
    {
        await using var app = await StartWithAuthorizationAsync(
            b => b.Services.Configure<EndpointMetricsOptions>(o => o.IncludeRejectedRequests = true));
        using var client = app.GetTestClient();

        (await client.GetAsync("/secret")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsUserAsync(client)).StatusCode.Should().Be(HttpStatusCode.OK);

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/secret", "401").Count.Should().Be(1);
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/secret", "200").Count.Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/secret", "401", "failure", "none").Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/secret", "200", "success", "none").Should().Be(1);
    }

    [Fact]
    public async Task Recipe_WithExplicitUseEndpointMetricsToo_RecordsEachCallOnce()
    {
        await using var app = await RecipeApp.StartAsync(
            a => a.MapGet("/once", [Timed, Counted] () => "once"),
            pipeline: a => a.UseEndpointMetrics());
        using var client = app.GetTestClient();

        await client.GetStringAsync("/once");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/once", "200").Count.Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/once", "200", "success", "none").Should().Be(1);
    }

    [Fact]
    public async Task Recipe_WithExplicitUseEndpointMetricsBeforeUseRouting_RecordsEachCallOnce()
    {
        await using var app = await RecipeApp.StartAsync(
            a => a.MapGet("/once", [Timed, Counted] () => "once"),
            pipeline: a =>
            {
                a.UseEndpointMetrics();
                a.UseRouting();
            });
        using var client = app.GetTestClient();

        await client.GetStringAsync("/once");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/once", "200").Count.Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/once", "200", "success", "none").Should().Be(1);
    }

    [Fact]
    public async Task Recipe_UsePathBaseBeforeRouting_StillRoutesAndRecordsTheRouteTemplate()
    {
        await using var app = await RecipeApp.StartAsync(
            a => a.MapGet("/fruit/{name}", [Timed] (string name, HttpContext context) => $"{context.Request.PathBase}|{name}"),
            pipeline: a =>
            {
                a.UsePathBase("/shop");
                a.UseRouting();
            });
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/shop/fruit/apple")).Should().Be("/shop|apple");

        app.Services.GetRequiredService<MetricFactory>()
            .GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/fruit/{name}", "200").Count.Should().Be(1);
    }

    [Fact]
    public async Task Recipe_UnattributedEndpoint_IsNeitherReplacedNorRecorded()
    {
        Endpoint? seen = null;
        await using var app = await RecipeApp.StartAsync(a =>
        {
            a.MapGet("/plain", (HttpContext context) =>
            {
                seen = context.GetEndpoint();
                return "plain";
            });
            a.MapGet("/timed", [Timed] () => "timed");
        });
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/plain")).Should().Be("plain");

        app.Services.GetRequiredService<MetricFactory>().Families.Should().BeEmpty();
        seen.Should().BeOfType<RouteEndpoint>().Which.RequestDelegate!.Target.Should().NotBeOfType<EndpointMetricsSite>();
    }

    [Fact]
    public async Task Recipe_AttributedEndpoint_MiddlewareAfterRoutingSeesTheSamePatternAndMetadata()
    {
        Endpoint? seen = null;
        await using var app = await RecipeApp.StartAsync(
            a => a.MapGet("/seen/{id}", [Timed] (string id) => id).WithName("seen-endpoint"),
            pipeline: a => a.Use(async (context, next) =>
            {
                seen = context.GetEndpoint();
                await next(context);
            }));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/seen/1");

        var route = seen.Should().BeOfType<RouteEndpoint>().Subject;
        route.RoutePattern.RawText.Should().Be("/seen/{id}");
        route.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName.Should().Be("seen-endpoint");
    }

    private static Task<HttpResponseMessage> SendAsUserAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secret");
        request.Headers.Add(HeaderAuthenticationHandler.HeaderName, "alice");
        return client.SendAsync(request);
    }

    // No UseAuthentication()/UseAuthorization(): a WebApplication adds them after routing when their services exist.
    private static Task<WebApplication> StartWithAuthorizationAsync(Action<WebApplicationBuilder>? configure = null) =>
        RecipeApp.StartAsync(
            a => a.MapGet("/secret", [Authorize, Timed, Counted] () => "secret"),
            b =>
            {
                b.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
                b.Services.AddAuthorization();
                configure?.Invoke(b);
            });
}
