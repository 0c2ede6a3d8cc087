extern alias HandlersSample;

using System.Net;
using System.Text;
using HandlersSample::Handlers;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Instrumentation.AspNetCore.Tests.Samples.Handlers;

/// <summary>
/// samples/Handlers on real Kestrel at 127.0.0.1 with its demo user, scraped every second by one real
/// Prometheus, after known traffic (the constants) sent in <see cref="Rounds"/> rounds, each scraped before
/// the next, so Prometheus sees every counter rise (a series that appears with its final value has no rate).
/// Shared by the tests of one class, so Prometheus starts once.
/// </summary>
public sealed class HandlersEndToEndFixture : IAsyncLifetime
{
    public const int Rounds = 2;
    public const int InstanceReads = 4;
    public const int InstanceChanges = 2;
    public const int InvalidInstanceChanges = 2;
    public const int Purges = 2;
    public const int Refused = 2;

    private WebApplicationFactory<HandlersApp>? _app;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _app = new WebApplicationFactory<HandlersApp>();
        _app.UseKestrel(port);
        _app.StartServer();
        Prometheus = await PrometheusServer.StartAsync("handlers", $"127.0.0.1:{port}", "/metrics");
        (await Prometheus.WaitForFirstScrapeAsync(TimeSpan.FromSeconds(20))).Health.Should().Be("up");

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = BasicAuth.Header("admin", "change-me");
        using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };
        for (var round = 1; round <= Rounds; round++)
        {
            await SendRoundAsync(client, anonymous);
            var seen = await Prometheus.QueryUntilValueAsync(
                "sum(handler_calls_total{job=\"handlers\"})", round * (InstanceReads + InstanceChanges + InvalidInstanceChanges + Purges) / Rounds, TimeSpan.FromSeconds(20));
            seen.Should().Be(round * (InstanceReads + InstanceChanges + InvalidInstanceChanges + Purges) / Rounds, $"Prometheus should scrape round {round}");
        }
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static async Task SendRoundAsync(HttpClient client, HttpClient anonymous)
    {
        for (var i = 0; i < InstanceReads / Rounds; i++)
        {
            using var response = await client.GetAsync(new Uri("/instances", UriKind.Relative));
            response.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < InstanceChanges / Rounds; i++)
        {
            using var response = await PutInstancesAsync(client, """{"activeInstance":"secondary","authType":"ldap"}""");
            response.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < InvalidInstanceChanges / Rounds; i++)
        {
            using var response = await PutInstancesAsync(client, """{"activeInstance":"","authType":"ldap"}""");
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        for (var i = 0; i < Purges / Rounds; i++)
        {
            using var response = await client.PostAsync(new Uri("/cache/purge", UriKind.Relative), content: null);
            response.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < Refused / Rounds; i++)
        {
            using var response = await anonymous.GetAsync(new Uri("/instances", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    private static Task<HttpResponseMessage> PutInstancesAsync(HttpClient client, string json) =>
        client.PutAsync(new Uri("/instances", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
}
