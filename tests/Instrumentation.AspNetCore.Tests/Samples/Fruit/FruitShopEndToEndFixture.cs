using global::Fruit.Launcher;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>
/// The launcher's whole shop on free ports of 127.0.0.1, with 8 s of traffic at 20 requests a second, scraped
/// every second by one real Prometheus (Debian's package); the traffic has stopped when the tests start.
/// Shared by the tests of one class, so the shop and Prometheus start once.
/// </summary>
public sealed class FruitShopEndToEndFixture : IAsyncLifetime
{
    private readonly FruitTestDatabase _database = new();

    internal PrometheusServer Prometheus { get; private set; } = null!;

    public FruitShop Shop { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new FruitShopSettings
        {
            FrontendPort = FreePort.Next(),
            BackendMetricsPort = FreePort.Next(),
            DatabasePath = _database.Path,
            TrafficRate = 20,
            TrafficDuration = TimeSpan.FromSeconds(8),
        };
        Prometheus = await PrometheusServer.StartAsync(
            [("fruit-frontend", $"127.0.0.1:{settings.FrontendPort}"), ("fruit-backend", $"127.0.0.1:{settings.BackendMetricsPort}")],
            "/metrics",
            "native-histograms"); // as samples/Fruit/README.md starts it: http_latency arrives as a native histogram
        Shop = await FruitShop.StartAsync(settings, CancellationToken.None);
        await Task.Delay(settings.TrafficDuration!.Value + TimeSpan.FromSeconds(1));
        await Shop.StopTrafficAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (Shop is not null)
        {
            await Shop.DisposeAsync();
        }

        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        _database.Dispose();
    }
}
