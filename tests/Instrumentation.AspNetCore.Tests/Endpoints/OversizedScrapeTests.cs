using System.Net;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.Endpoints;

/// <summary>An exposition over <c>Metrics:MaxScrapeBytes</c>, on real Kestrel: GET and HEAD give the same answer.</summary>
public sealed class OversizedScrapeTests
{
    [Fact]
    public async Task Get_OverMaxScrapeBytes_Answers500SayingWhy()
    {
        await using var app = await StartOversizedAsync();
        using var client = Client(app);

        using var response = await client.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Metrics:MaxScrapeBytes");
    }

    [Fact]
    public async Task Head_OverMaxScrapeBytes_Answers500LikeGet_WithoutABody()
    {
        await using var app = await StartOversizedAsync();
        using var client = Client(app);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/metrics"));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError, "HEAD must answer what GET would");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Head_UnderMaxScrapeBytes_Answers200WithoutABody()
    {
        await using var app = await StartAsync(maxScrapeBytes: 64 * 1024 * 1024, series: 1);
        using var client = Client(app);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/metrics"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    private static Task<WebApplication> StartOversizedAsync() => StartAsync(maxScrapeBytes: 1024, series: 200);

    private static async Task<WebApplication> StartAsync(int maxScrapeBytes, int series)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.Configuration["Metrics:MaxScrapeBytes"] = maxScrapeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddMetrics();
        var app = builder.Build();
        app.MapMetrics();
        var orders = app.Services.GetRequiredService<MetricFactory>().CreateCounter("orders", "Orders placed", labelNames: ["id"]);
        for (var i = 0; i < series; i++)
        {
            orders.WithLabels(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        }

        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
}
