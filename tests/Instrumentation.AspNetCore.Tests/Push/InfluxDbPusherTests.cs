using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Push;
using Instrumentation.Testing;

namespace Instrumentation.AspNetCore.Tests.Push;

/// <summary>Writes to a real InfluxDB 1.x and reads the points back with InfluxQL.</summary>
public sealed class InfluxDbPusherTests
{
    [Fact]
    public async Task PushAsync_ToRealInfluxDb_WritesCounterHistogramAndSummaryReadableBySelect()
    {
        await using var influx = await InfluxDbServer.StartAsync();
        await influx.CreateDatabaseAsync("app");
        using var metrics = new MetricFactory();
        metrics.CreateCounter("orders", "Orders", ["fruit"]).WithLabels("red apple, ripe").Inc(3);
        var latency = metrics.CreateHistogram("step_seconds", "Step time", buckets: [0.5, 1]);
        latency.Observe(0.25);
        latency.Observe(2);
        var sizes = metrics.CreateSummary("batch_size", "Batch size");
        sizes.Observe(10);
        using var pusher = new InfluxDbPusher(new InfluxDbPushOptions { Url = $"http://127.0.0.1:{influx.Port}", Database = "app" }, [metrics], metrics);
        var before = DateTimeOffset.UtcNow;

        (await pusher.PushAsync()).Should().BeTrue();

        var orders = (await influx.QueryAsync("app", "SELECT \"value\", \"fruit\" FROM \"orders_total\"")).Should().ContainSingle().Subject;
        orders["value"].Number().Should().Be(3);
        orders["fruit"].GetString().Should().Be("red apple, ripe");
        var nanoseconds = orders["time"].GetInt64();
        DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100).Should().BeCloseTo(before, TimeSpan.FromSeconds(10));

        var step = (await influx.QueryAsync("app", "SELECT * FROM \"step_seconds\"")).Should().ContainSingle().Subject;
        step["count"].Number().Should().Be(2);
        step["sum"].Number().Should().Be(2.25);
        step["le_0.5"].Number().Should().Be(1);
        step["le_1"].Number().Should().Be(1);
        step["le_+Inf"].Number().Should().Be(2);

        var batch = (await influx.QueryAsync("app", "SELECT * FROM \"batch_size\"")).Should().ContainSingle().Subject;
        batch["count"].Number().Should().Be(1);
        batch["sum"].Number().Should().Be(10);
        batch["quantile_0.5"].Number().Should().Be(10);
    }

    [Fact]
    public async Task PushAsync_WhileInfluxDbIsDown_BuffersWithinBoundCountsDropsAndDeliversWhenBack()
    {
        var directory = Directory.CreateTempSubdirectory("instrumentation-influxdb-").FullName;
        var port = FreePort.Next();
        var influx = await InfluxDbServer.StartAsync(directory, port);
        try
        {
            await influx.CreateDatabaseAsync("app");
            using var metrics = new MetricFactory();
            var ticks = metrics.CreateCounter("ticks", "Ticks");
            var options = new InfluxDbPushOptions
            {
                Url = $"http://127.0.0.1:{port}",
                Database = "app",
                BufferCapacity = 3,
                MaxAttempts = 2,
                RetryBaseDelay = TimeSpan.FromMilliseconds(20),
                Timeout = TimeSpan.FromSeconds(2),
            };
            using var pusher = new InfluxDbPusher(options, [metrics], metrics);

            ticks.Inc();
            (await pusher.PushAsync()).Should().BeTrue();

            await influx.StopAsync();
            for (var i = 0; i < 5; i++)
            {
                ticks.Inc();
                (await pusher.PushAsync()).Should().BeFalse("InfluxDB is down");
            }

            pusher.PendingSnapshots.Should().Be(3);
            metrics.GetValue("push_dropped_total", "influxdb").Should().Be(2);
            metrics.GetValue("push_errors_total", "influxdb").Should().Be(10);

            influx = await InfluxDbServer.StartAsync(directory, port);
            (await pusher.FlushAsync()).Should().BeTrue();

            var values = (await influx.QueryAsync("app", "SELECT \"value\" FROM \"ticks_total\""))
                .Select(static row => row["value"].Number())
                .ToList();
            values.Should().Equal(1, 4, 5, 6);
            pusher.PendingSnapshots.Should().Be(0);
        }
        finally
        {
            await influx.DisposeAsync();
        }
    }
}
