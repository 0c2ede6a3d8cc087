using global::Fruit.Data;
using global::Fruit.Launcher;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>
/// The launcher's whole shop with traffic, checked through a real Prometheus's query API
/// (see <see cref="FruitShopEndToEndFixture"/>).
/// </summary>
public sealed class FruitShopEndToEndTests(FruitShopEndToEndFixture fixture) : IClassFixture<FruitShopEndToEndFixture>
{
    [Fact]
    public async Task Prometheus_SeesTrafficFruitsLatencyAndWorkerQuantiles()
    {
        var (shop, prometheus) = (fixture.Shop, fixture.Prometheus);

        (await prometheus.QueryUntilPresentAsync("rate(hello_total[1m]) > 0", TimeSpan.FromSeconds(10)))
            .Should().ContainSingle().Which.Value.Should().BePositive();
        // http_latency is a native histogram; Prometheus runs with native histograms on, so it stores only that view.
        var p95 = await prometheus.QueryUntilPresentAsync(
            "histogram_quantile(0.95, sum(rate(http_latency[1m])))", TimeSpan.FromSeconds(10));
        p95.Should().ContainSingle().Which.Value.Should().Match(v => double.IsFinite(v) && v > 0);
        (await prometheus.QueryAsync("histogram_count(sum(http_latency))")).Should().ContainSingle().Which.Value.Should().BePositive();
        (await prometheus.QueryAsync("http_latency_bucket")).Should().BeEmpty("Prometheus 2.42 ingests only the native view of a native histogram");
        var quantiles = await prometheus.QueryUntilPresentAsync(
            "worker_job_duration_seconds{job=\"fruit-backend\"}", TimeSpan.FromSeconds(10));
        quantiles.Select(r => r.Labels["quantile"]).Should().BeEquivalentTo(["0.5", "0.9", "0.95", "0.99"]);
        quantiles.Should().OnlyContain(r => r.Value > 0);
        (await prometheus.QueryAsync("sum(worker_messages_processed_total)")).Should().ContainSingle().Which.Value.Should().BePositive();

        var (inDatabase, inPrometheus) = await WaitForRecentFruitsToSettleAsync(shop, prometheus, TimeSpan.FromSeconds(15));
        inDatabase.Should().BePositive("the workers wrote the traffic's orders");
        inPrometheus.Should().Be(inDatabase, "sum(recent_fruits) should be what the database holds");
    }

    [Fact]
    public async Task EveryDashboardQuery_ReturnsData()
    {
        using var dashboard = GrafanaDashboard.Load(RepositoryPaths.Of("samples", "Fruit", "grafana", "fruit-dashboard.json"));

        await fixture.Prometheus.ShouldAnswerEveryQueryOfAsync(dashboard, TimeSpan.FromSeconds(15));
    }

    /// <summary>
    /// Once the queue is drained (follow-up orders die out), refreshes the gauges through <c>GET /fruit</c>
    /// and waits for a scrape to carry them; returns the database's recent total and <c>sum(recent_fruits)</c>.
    /// </summary>
    private static async Task<(double InDatabase, double InPrometheus)> WaitForRecentFruitsToSettleAsync(
        FruitShop shop, PrometheusServer prometheus, TimeSpan timeout)
    {
        var store = shop.Backend.Services.GetRequiredService<IFruitStore>();
        var queue = shop.Backend.Services.GetRequiredService<IFruitQueueClient>();
        using var client = new HttpClient { BaseAddress = shop.Settings.FrontendUrl };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var inDatabase = (await store.ReadTotalsAsync(CancellationToken.None)).RecentTotal;
            await client.GetStringAsync(new Uri("/fruit", UriKind.Relative));
            var result = await prometheus.QueryAsync("sum(recent_fruits)");
            var inPrometheus = result.Count == 1 ? result[0].Value : double.NaN;
            var drained = await queue.CountAsync(CancellationToken.None) == 0;
            if ((drained && inPrometheus == inDatabase) || DateTime.UtcNow > deadline)
            {
                return (inDatabase, inPrometheus);
            }

            await Task.Delay(500);
        }
    }
}
