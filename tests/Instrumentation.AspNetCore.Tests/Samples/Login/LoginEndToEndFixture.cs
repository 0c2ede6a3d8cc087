using Instrumentation.AspNetCore.Tests.TestSupport;
using static Instrumentation.AspNetCore.Tests.Samples.Login.LoginClient;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>
/// The Login sample on real Kestrel at 127.0.0.1 (users collector every second), scraped every second by
/// one real Prometheus, after known traffic: 3 registrations, 1 successful and 2 failed logins.
/// Shared by the tests of one class, so Prometheus starts once.
/// </summary>
public sealed class LoginEndToEndFixture : IAsyncLifetime
{
    public const int Users = 3;
    public const int SuccessfulLogins = 1;
    public const int FailedLogins = 2;

    private LoginAppFactory? _app;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _app = new LoginAppFactory("1s");
        _app.UseKestrel(port);
        _app.StartServer();
        Prometheus = await PrometheusServer.StartAsync("login", $"127.0.0.1:{port}", "/metrics");
        // Traffic after the first scrape, so every rate sees its counters rise.
        (await Prometheus.WaitForFirstScrapeAsync(TimeSpan.FromSeconds(20))).Health.Should().Be("up");

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        foreach (var name in new[] { "ann", "bob", "carol" })
        {
            (await RegisterAsync(client, name, "correct horse")).EnsureSuccessStatusCode();
        }

        (await LoginAsync(client, "ann", "correct horse")).EnsureSuccessStatusCode();
        await LoginAsync(client, "ann", "wrong horse");
        await LoginAsync(client, "nobody", "correct horse");

        // Since the sample leaves /metrics out of the request duration (UseHttpMetrics), Prometheus' own scrapes no
        // longer make a route's count rise between scrapes; the latency panel's rate() needs one that does. So
        // GET /users once, wait until Prometheus has that series, then again: its rate is then above zero.
        (await client.GetAsync(new Uri("/users", UriKind.Relative))).EnsureSuccessStatusCode();
        await Prometheus.QueryUntilPresentAsync("http_server_request_duration_seconds_count{job=\"login\",http_route=\"/users\"}", TimeSpan.FromSeconds(20));
        (await client.GetAsync(new Uri("/users", UriKind.Relative))).EnsureSuccessStatusCode();
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
}
