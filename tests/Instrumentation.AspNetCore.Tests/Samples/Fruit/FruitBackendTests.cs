using global::Fruit.Backend;
using global::Fruit.Data;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>The fruit backend sample on the generic host, its metrics on the standalone server at a free port.</summary>
public sealed class FruitBackendTests
{
    [Fact]
    public async Task Worker_ProcessesAQueuedMessage_IntoTheDatabase_AndRecordsItsMetrics()
    {
        using var database = new FruitTestDatabase();
        var port = FreePort.Next();
        using var host = BackendApp.Create([
            $"--Fruit:DatabasePath={database.Path}",
            $"--Metrics:Server:Port={port}",
            "--Fruit:Backend:FollowUpProbability=0",
            "--Fruit:Backend:PollInterval=00:00:00.050",
        ]);
        await host.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var before = await client.GetStringAsync("/metrics");
            MetricsText.Value(before, "worker_job_duration_seconds_count").Should().Be(0);

            await host.Services.GetRequiredService<IFruitQueueClient>().EnqueueAsync(new FruitMessage("apple", 3), CancellationToken.None);

            var metrics = await WaitForAsync(client, "worker_messages_processed_total{fruit=\"apple\"}", TimeSpan.FromSeconds(10));
            MetricsText.Value(metrics, "worker_messages_processed_total{fruit=\"apple\"}").Should().Be(1);
            MetricsText.Value(metrics, "worker_job_duration_seconds_count").Should().Be(1);
            MetricsText.Value(metrics, "worker_job_duration_seconds{quantile=\"0.95\"}").Should().BeGreaterThan(0);
            MetricsText.Value(metrics, "worker_job_duration_seconds_sum").Should().BeGreaterThan(0.005, "a job simulates at least 10 ms of work");
            var totals = await host.Services.GetRequiredService<IFruitStore>().ReadTotalsAsync(CancellationToken.None);
            totals.AllTime["apple"].Should().Be(3);
            (await host.Services.GetRequiredService<IFruitQueueClient>().CountAsync(CancellationToken.None)).Should().Be(0);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<string> WaitForAsync(HttpClient client, string series, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var metrics = await client.GetStringAsync("/metrics");
            if (MetricsText.Value(metrics, series) is not null || DateTime.UtcNow > deadline)
            {
                return metrics;
            }

            await Task.Delay(50);
        }
    }
}
