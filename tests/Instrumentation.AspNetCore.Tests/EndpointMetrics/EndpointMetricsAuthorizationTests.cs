using System.Net;
using Instrumentation.AspNetCore.EndpointMetrics;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

public sealed class EndpointMetricsAuthorizationTests
{
    [Fact]
    public async Task ByDefault_RequestsRejectedByAuthorize_AreNotRecorded_AndAuthorizedOnesAre()
    {
        await using var app = await StartAsync(authBeforeMetrics: true);
        using var client = app.GetTestClient();

        (await client.GetAsync("/secret")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsUserAsync(client)).StatusCode.Should().Be(HttpStatusCode.OK);

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/secret", "200").Count.Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/secret", "200", "success", "none").Should().Be(1);
        ((Instruments.Histogram)metrics.Find(TimedAttribute.DefaultEndpointName)!).SeriesCount.Should().Be(1);
    }

    [Fact]
    public async Task ByDefault_PlacedBeforeAuthentication_StillRecordsOnlyHandlerWork()
    {
        await using var app = await StartAsync(authBeforeMetrics: false);
        using var client = app.GetTestClient();

        (await client.GetAsync("/secret")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsUserAsync(client)).StatusCode.Should().Be(HttpStatusCode.OK);

        var histogram = (Instruments.Histogram)app.Services.GetRequiredService<MetricFactory>().Find(TimedAttribute.DefaultEndpointName)!;
        histogram.SeriesCount.Should().Be(1);
    }

    [Fact]
    public async Task IncludeRejectedRequests_RecordsThe401Too()
    {
        await using var app = await StartAsync(authBeforeMetrics: false, o => o.IncludeRejectedRequests = true);
        using var client = app.GetTestClient();

        (await client.GetAsync("/secret")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsUserAsync(client)).StatusCode.Should().Be(HttpStatusCode.OK);

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/secret", "401").Count.Should().Be(1);
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/secret", "200").Count.Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/secret", "401", "failure", "none").Should().Be(1);
    }

    private static Task<HttpResponseMessage> SendAsUserAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secret");
        request.Headers.Add(HeaderAuthenticationHandler.HeaderName, "alice");
        return client.SendAsync(request);
    }

    private static Task<WebApplication> StartAsync(bool authBeforeMetrics, Action<EndpointMetricsOptions>? options = null)
    {
        static void UseAuth(WebApplication app)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        return EndpointMetricsApp.StartAsync(
            a => a.MapGet("/secret", [Authorize, Timed, Counted] () => "secret"),
            b =>
            {
                b.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
                b.Services.AddAuthorization();
            },
            beforeMetrics: a =>
            {
                a.UseRouting();
                if (authBeforeMetrics)
                {
                    UseAuth(a);
                }
            },
            options: options,
            afterMetrics: a =>
            {
                if (!authBeforeMetrics)
                {
                    UseAuth(a);
                }
            });
    }
}
