using System.Text.Json;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Push;
using Instrumentation.Testing;

namespace Instrumentation.AspNetCore.Tests.Push;

/// <summary>Pushes to a real Pushgateway and reads the result back from the gateway's own <c>/metrics</c>.</summary>
public sealed class PushgatewayPusherTests
{
    [Fact]
    public async Task PushAsync_ToRealGateway_IsServedUnderTheGroupingKeyIncludingBase64Values()
    {
        await using var gateway = await PushgatewayServer.StartAsync();
        using var metrics = new MetricFactory();
        metrics.CreateCounter("orders", "Orders", ["fruit"]).WithLabels("apple").Inc(3);
        var latency = metrics.CreateHistogram("step_seconds", "Step time", buckets: [0.5, 1]);
        latency.Observe(0.25);
        latency.Observe(2);
        var options = new PushgatewayOptions { Url = $"http://127.0.0.1:{gateway.Port}", Job = "nightly/import" };
        options.GroupingLabels["path"] = "/var/tmp";
        options.GroupingLabels["zone"] = "eu west";
        using var pusher = new PushgatewayPusher(options, [metrics], metrics);

        (await pusher.PushAsync()).Should().BeTrue();

        var exposition = await gateway.Http.GetStringAsync("/metrics");
        var lines = exposition.Split('\n');
        lines.Should().Contain("orders_total{fruit=\"apple\",instance=\"\",job=\"nightly/import\",path=\"/var/tmp\",zone=\"eu west\"} 3");
        lines.Should().Contain("step_seconds_bucket{instance=\"\",job=\"nightly/import\",path=\"/var/tmp\",zone=\"eu west\",le=\"0.5\"} 1");
        lines.Should().Contain("step_seconds_count{instance=\"\",job=\"nightly/import\",path=\"/var/tmp\",zone=\"eu west\"} 2");
        lines.Should().Contain(l => l.StartsWith("push_time_seconds{instance=\"\",job=\"nightly/import\",path=\"/var/tmp\",zone=\"eu west\"}", StringComparison.Ordinal));
        metrics.GetValue("push_last_success_timestamp_seconds", "pushgateway").Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task PushAsync_WithDotEmptySlashAndUnicodeGroupingValues_CreatesExactlyThoseGroups()
    {
        await using var gateway = await PushgatewayServer.StartAsync();
        var url = $"http://127.0.0.1:{gateway.Port}";
        using var metrics = new MetricFactory();
        metrics.CreateGauge("g", "G").Set(1);
        string?[] zones = [null, ".", "..", string.Empty, "a/b", "zürich ☃"];
        var delivered = new List<bool>();

        foreach (var zone in zones)
        {
            var options = new PushgatewayOptions { Url = url, Job = "j" };
            if (zone is not null)
            {
                options.GroupingLabels["zone"] = zone;
            }

            using var pusher = new PushgatewayPusher(options, [metrics]);
            delivered.Add(await pusher.PushAsync());
        }

        foreach (var job in new[] { ".", "..", "a/b" })
        {
            using var pusher = new PushgatewayPusher(new PushgatewayOptions { Url = url, Job = job }, [metrics]);
            delivered.Add(await pusher.PushAsync());
        }

        var groups = await GroupsAsync(gateway);
        groups.Should().BeEquivalentTo(
        [
            "job=j",
            "job=j,zone=.",
            "job=j,zone=..",
            "job=j,zone=",
            "job=j,zone=a/b",
            "job=j,zone=zürich ☃",
            "job=.",
            "job=..",
            "job=a/b",
        ]);
        delivered.Should().AllSatisfy(static d => d.Should().BeTrue());
    }

    [Fact]
    public async Task PushAsync_WithPutThenPost_ReplacesOrAddsMetricsOfTheGroup()
    {
        await using var gateway = await PushgatewayServer.StartAsync();
        var url = $"http://127.0.0.1:{gateway.Port}";
        using var first = new MetricFactory();
        first.CreateGauge("a", "A").Set(1);
        first.CreateGauge("b", "B").Set(2);
        using var second = new MetricFactory();
        second.CreateGauge("a", "A").Set(10);

        using (var put = new PushgatewayPusher(new PushgatewayOptions { Url = url, Job = "j" }, [first]))
        {
            (await put.PushAsync()).Should().BeTrue();
        }

        using (var post = new PushgatewayPusher(new PushgatewayOptions { Url = url, Job = "j", Method = PushgatewayMethod.Post }, [second]))
        {
            (await post.PushAsync()).Should().BeTrue();
        }

        var afterPost = (await gateway.Http.GetStringAsync("/metrics")).Split('\n');
        afterPost.Should().Contain("a{instance=\"\",job=\"j\"} 10").And.Contain("b{instance=\"\",job=\"j\"} 2");

        using (var put = new PushgatewayPusher(new PushgatewayOptions { Url = url, Job = "j" }, [second]))
        {
            (await put.PushAsync()).Should().BeTrue();
        }

        var afterPut = (await gateway.Http.GetStringAsync("/metrics")).Split('\n');
        afterPut.Should().Contain("a{instance=\"\",job=\"j\"} 10").And.NotContain(l => l.StartsWith("b{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushAsync_WithEmptyGroupingValue_IsAcceptedByTheGateway()
    {
        await using var gateway = await PushgatewayServer.StartAsync();
        using var metrics = new MetricFactory();
        metrics.CreateGauge("g", "G").Set(5);
        var options = new PushgatewayOptions { Url = $"http://127.0.0.1:{gateway.Port}", Job = "j" };
        options.GroupingLabels["instance"] = string.Empty;
        using var pusher = new PushgatewayPusher(options, [metrics]);

        (await pusher.PushAsync()).Should().BeTrue();

        (await gateway.Http.GetStringAsync("/metrics")).Split('\n').Should().Contain("g{instance=\"\",job=\"j\"} 5");
    }

    /// <summary>The grouping keys the gateway holds, each as its labels sorted by name: <c>job=j,zone=a/b</c>.</summary>
    private static async Task<List<string>> GroupsAsync(LocalServerProcess gateway)
    {
        using var document = JsonDocument.Parse(await gateway.Http.GetStringAsync("/api/v1/metrics"));
        return [.. document.RootElement.GetProperty("data").EnumerateArray().Select(static group => string.Join(
            ',',
            group.GetProperty("labels").EnumerateObject()
                .OrderBy(static label => label.Name, StringComparer.Ordinal)
                .Select(static label => $"{label.Name}={label.Value.GetString()}")))];
    }
}
