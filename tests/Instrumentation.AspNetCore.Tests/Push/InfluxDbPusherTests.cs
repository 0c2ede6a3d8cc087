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
    public async Task PushAsync_WithEverySpecialCharacterInLabelValues_IsAcceptedAndReadsBack()
    {
        await using var influx = await InfluxDbServer.StartAsync();
        await influx.CreateDatabaseAsync("app");
        using var metrics = new MetricFactory();
        var gauge = metrics.CreateGauge("special", "Special label values", ["v"]);

        // What was set, and what InfluxDB gives back. Line protocol cannot carry a backslash at the end of
        // a tag value, nor a line feed: the first reads back followed by a space, the second as a space.
        (string Set, string ReadBack)[] cases =
        [
            (@"trailing backslash\", @"trailing backslash\ "),
            (@"\", @"\ "),
            (@"two\\", @"two\\ "),
            (@"back\slash", @"back\slash"),
            (@"backslash\,comma", @"backslash\,comma"),
            (@"backslash\ space", @"backslash\ space"),
            (@"backslash\=equals", @"backslash\=equals"),
            ("comma,", "comma,"),
            ("=equals", "=equals"),
            ("a=b,c d", "a=b,c d"),
            (" ", " "),
            (" leading and trailing ", " leading and trailing "),
            ("\"double\" 'single'", "\"double\" 'single'"),
            ("#not a comment", "#not a comment"),
            ("tab\there", "tab\there"),
            ("carriage\rreturn", "carriage\rreturn"),
            ("line\nfeed", "line feed"),
            ("ünïcødé ☃ 𝄞", "ünïcødé ☃ 𝄞"),
        ];
        for (var i = 0; i < cases.Length; i++)
        {
            gauge.WithLabels(cases[i].Set).Set(i);
        }

        using var pusher = new InfluxDbPusher(new InfluxDbPushOptions { Url = $"http://127.0.0.1:{influx.Port}", Database = "app" }, [metrics], metrics);

        var delivered = await pusher.PushAsync();

        var rows = await influx.QueryAsync("app", "SELECT \"value\", \"v\" FROM \"special\"");
        rows.ToDictionary(static row => row["v"].GetString()!, static row => row["value"].Number())
            .Should().BeEquivalentTo(cases.Select(static (c, i) => KeyValuePair.Create(c.ReadBack, (double)i)));
        delivered.Should().BeTrue();
        metrics.GetValue("push_dropped_total", "influxdb").Should().Be(0);
        metrics.GetValue("push_errors_total", "influxdb").Should().Be(0);
    }

    [Fact]
    public async Task PushAsync_WhenInfluxDbRejectsSomePoints_CountsOnlyThoseAndTheSnapshotIsNotDropped()
    {
        await using var influx = await InfluxDbServer.StartAsync();
        await influx.CreateDatabaseAsync("app");

        // Another writer made "value" of ticks_total an integer, so our float is a field type conflict;
        // and InfluxDB 1.x refuses a tag named "time". Both are refused point by point ("partial write").
        using (var conflict = await influx.Http.PostAsync("/write?db=app", new StringContent("ticks_total value=1i")))
        {
            conflict.EnsureSuccessStatusCode();
        }

        using var metrics = new MetricFactory();
        metrics.CreateCounter("ticks", "Ticks").Inc(2);
        metrics.CreateGauge("clock", "Clock", ["time"]).WithLabels("noon").Set(12);
        metrics.CreateGauge("healthy", "Healthy").Set(1);
        var options = new InfluxDbPushOptions { Url = $"http://127.0.0.1:{influx.Port}", Database = "app", MaxAttempts = 3 };
        using var pusher = new InfluxDbPusher(options, [metrics], metrics);

        var delivered = await pusher.PushAsync();

        (await influx.QueryAsync("app", "SELECT \"value\" FROM \"healthy\"")).Should().ContainSingle()
            .Which["value"].Number().Should().Be(1);
        metrics.GetValue("push_rejected_points_total", "influxdb").Should().Be(2);
        metrics.GetValue("push_dropped_total", "influxdb").Should().Be(0);
        metrics.GetValue("push_errors_total", "influxdb").Should().Be(0);
        metrics.GetValue("push_last_success_timestamp_seconds", "influxdb").Should().BeGreaterThan(0);
        pusher.PendingSnapshots.Should().Be(0, "a partly stored snapshot is not sent again");
        delivered.Should().BeFalse("not every point was stored");
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
