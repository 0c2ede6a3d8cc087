using System.Net;
using Instrumentation.Push;
using Instrumentation.Testing;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Push;

public sealed class MetricsPusherTests : IDisposable
{
    private readonly MetricFactory _metrics = new();
    private readonly ManualTimeProvider _time = new();
    private readonly Instrumentation.Instruments.Counter _orders;

    public MetricsPusherTests()
    {
        _orders = _metrics.CreateCounter("orders", "Orders");
    }

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task PushAsync_SendsPrometheusTextWithPutBasicAuthAndGroupingPath()
    {
        var handler = new ScriptedHttpHandler(HttpStatusCode.OK);
        using var pusher = Pushgateway(handler, o =>
        {
            o.Username = "ci";
            o.Password = "secret";
            o.GroupingLabels["instance"] = "host-1";
        });
        _orders.Inc(2);

        var delivered = await _time.RunAsync(pusher.PushAsync());

        delivered.Should().BeTrue();
        var request = handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Put);
        request.Uri.ToString().Should().Be("http://gateway.test:9091/metrics/job/batch/instance/host-1");
        request.Authorization.Should().Be("Basic Y2k6c2VjcmV0");
        request.ContentType.Should().Be("text/plain; version=0.0.4; charset=utf-8");
        request.Body.Should().Contain("# TYPE orders_total counter\norders_total 2\n");
        _metrics.GetValue("push_last_success_timestamp_seconds", "pushgateway").Should().Be(1_700_000_000.123);
        _metrics.GetValue("push_errors_total", "pushgateway").Should().Be(0);
    }

    [Fact]
    public async Task PushAsync_AfterTransientFailures_RetriesWithBackoffThenSucceeds()
    {
        var handler = new ScriptedHttpHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        using var pusher = Pushgateway(handler, o => o.MaxAttempts = 3);
        pusher.Jitter = static () => 0;

        var delivered = await _time.RunAsync(pusher.PushAsync());

        delivered.Should().BeTrue();
        handler.Requests.Should().HaveCount(3);

        // Equal jitter at its floor: half of 1 s, then half of 2 s.
        _time.Elapsed.Should().Be(TimeSpan.FromMilliseconds(1500));
        _metrics.GetValue("push_errors_total", "pushgateway").Should().Be(2);
        pusher.PendingSnapshots.Should().Be(0);
    }

    [Fact]
    public async Task PushAsync_WhenRefusedWithClientError_DropsWithoutRetrying()
    {
        var handler = new ScriptedHttpHandler(HttpStatusCode.BadRequest);
        using var pusher = Pushgateway(handler, o => o.MaxAttempts = 5);

        var delivered = await _time.RunAsync(pusher.PushAsync());

        delivered.Should().BeFalse();
        handler.Requests.Should().ContainSingle();
        pusher.PendingSnapshots.Should().Be(0);
        _metrics.GetValue("push_dropped_total", "pushgateway").Should().Be(1);
        _metrics.GetValue("push_errors_total", "pushgateway").Should().Be(1);
    }

    [Fact]
    public async Task PushAsync_WhenTargetNeverAnswers_TimesOutAndKeepsTheSnapshot()
    {
        var handler = new ScriptedHttpHandler(0);
        using var pusher = Pushgateway(handler, o =>
        {
            o.MaxAttempts = 2;
            o.Timeout = TimeSpan.FromSeconds(5);
        });
        pusher.Jitter = static () => 0;

        var delivered = await _time.RunAsync(pusher.PushAsync());

        delivered.Should().BeFalse();
        handler.Requests.Should().HaveCount(2);
        _time.Elapsed.Should().Be(TimeSpan.FromSeconds(5 + 0.5 + 5));
        pusher.PendingSnapshots.Should().Be(1);
        _metrics.GetValue("push_errors_total", "pushgateway").Should().Be(2);
    }

    [Fact]
    public async Task PushAsync_ToInfluxDbWhileDown_KeepsNewestWithinBoundCountsDropsAndDeliversInOrderWhenBack()
    {
        var handler = new ScriptedHttpHandler(HttpStatusCode.BadGateway);
        using var pusher = InfluxDb(handler, o =>
        {
            o.MaxAttempts = 1;
            o.BufferCapacity = 3;
        });

        for (var i = 1; i <= 5; i++)
        {
            _orders.Inc();
            (await _time.RunAsync(pusher.PushAsync())).Should().BeFalse();
        }

        pusher.PendingSnapshots.Should().Be(3);
        _metrics.GetValue("push_dropped_total", "influxdb").Should().Be(2);
        var failedRequests = handler.Requests.Count;

        handler.Statuses = [HttpStatusCode.NoContent];
        (await _time.RunAsync(pusher.FlushAsync())).Should().BeTrue();

        var delivered = handler.Requests.Skip(failedRequests).Select(static r => r.Body).ToList();
        delivered.Select(static body => body.Split('\n').Single(static l => l.StartsWith("orders_total ", StringComparison.Ordinal)).Split(' ')[1])
            .Should().Equal("value=3", "value=4", "value=5");
        pusher.PendingSnapshots.Should().Be(0);
        _metrics.GetValue("push_dropped_total", "influxdb").Should().Be(2);
    }

    [Fact]
    public async Task PushAsync_ToPushgatewayWhileDown_KeepsOnlyTheLatestSnapshotAndCountsNoDrop()
    {
        var handler = new ScriptedHttpHandler(HttpStatusCode.BadGateway);
        using var pusher = Pushgateway(handler, o =>
        {
            o.MaxAttempts = 1;
            o.BufferCapacity = 3;
        });

        for (var i = 1; i <= 5; i++)
        {
            _orders.Inc();
            (await _time.RunAsync(pusher.PushAsync())).Should().BeFalse();
        }

        pusher.PendingSnapshots.Should().Be(1, "a push replaces the whole group, so only the latest snapshot matters");
        _metrics.GetValue("push_dropped_total", "pushgateway").Should().Be(0, "a superseded snapshot is not a lost one");
        var failedRequests = handler.Requests.Count;

        handler.Statuses = [HttpStatusCode.OK];
        (await _time.RunAsync(pusher.FlushAsync())).Should().BeTrue();

        handler.Requests.Skip(failedRequests).Should().ContainSingle()
            .Which.Body.Split('\n').Should().Contain("orders_total 5");
        pusher.PendingSnapshots.Should().Be(0);
        _metrics.GetValue("push_dropped_total", "pushgateway").Should().Be(0);
    }

    [Fact]
    public async Task PushAsync_ToPushgatewayWhenRefused_StillCountsTheDrop()
    {
        var handler = new ScriptedHttpHandler(HttpStatusCode.BadGateway);
        using var pusher = Pushgateway(handler, o => o.MaxAttempts = 1);
        (await _time.RunAsync(pusher.PushAsync())).Should().BeFalse();

        handler.Statuses = [HttpStatusCode.BadRequest];
        (await _time.RunAsync(pusher.PushAsync())).Should().BeFalse();

        _metrics.GetValue("push_dropped_total", "pushgateway").Should().Be(1, "the refused latest snapshot is lost; the one it superseded is not counted");
        pusher.PendingSnapshots.Should().Be(0);
    }

    [Fact]
    public async Task PushAsync_WhenCancelled_KeepsTheSnapshotAndThrows()
    {
        var handler = new ScriptedHttpHandler(0);
        using var pusher = Pushgateway(handler);
        using var cancellation = new CancellationTokenSource();

        var push = pusher.PushAsync(cancellation.Token);
        while (handler.Requests.Count == 0)
        {
            await Task.Delay(5);
        }

        await cancellation.CancelAsync();

        await push.Invoking(static p => p).Should().ThrowAsync<OperationCanceledException>();
        pusher.PendingSnapshots.Should().Be(1);
    }

    [Fact]
    public async Task InfluxDbV2_PostsLineProtocolWithTokenToOrgAndBucket()
    {
        var handler = new ScriptedHttpHandler(HttpStatusCode.NoContent);
        using var pusher = new InfluxDbPusher(
            new InfluxDbPushOptions { Url = "http://influx.test:8086/", Version = InfluxDbVersion.V2, Org = "acme corp", Bucket = "apps", Token = "t0k" },
            [_metrics],
            timeProvider: _time,
            handler: handler);
        _orders.Inc(7);

        (await _time.RunAsync(pusher.PushAsync())).Should().BeTrue();

        var request = handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Post);
        request.Uri.AbsoluteUri.Should().Be("http://influx.test:8086/api/v2/write?org=acme%20corp&bucket=apps&precision=ns");
        request.Authorization.Should().Be("Token t0k");
        request.Body.Should().Be("orders_total value=7 1700000000123000000\n");
    }

    [Fact]
    public async Task InfluxDbV1_PostsToWriteWithDatabaseAndBasicAuth()
    {
        var handler = new ScriptedHttpHandler(HttpStatusCode.NoContent);
        using var pusher = new InfluxDbPusher(
            new InfluxDbPushOptions { Url = "http://influx.test:8086", Database = "metrics", RetentionPolicy = "week", Username = "u", Password = "p" },
            [_metrics],
            timeProvider: _time,
            handler: handler);

        (await _time.RunAsync(pusher.PushAsync())).Should().BeTrue();

        var request = handler.Requests.Should().ContainSingle().Subject;
        request.Uri.AbsoluteUri.Should().Be("http://influx.test:8086/write?db=metrics&rp=week&precision=ns");
        request.Authorization.Should().Be("Basic dTpw");
    }

    [Theory]
    [InlineData("", "batch", "Metrics:Push:Pushgateway:Url")]
    [InlineData("ftp://x", "batch", "Metrics:Push:Pushgateway:Url")]
    [InlineData("http://x:9091", " ", "Metrics:Push:Pushgateway:Job")]
    public void Constructor_WithInvalidOptions_ThrowsNamingTheOption(string url, string job, string option)
    {
        var act = () => new PushgatewayPusher(new PushgatewayOptions { Url = url, Job = job }, [_metrics]);

        act.Should().Throw<ArgumentException>().WithMessage($"*{option}*");
    }

    [Theory]
    [InlineData("ftp://admin:s3cret@gateway.test:9091", "ftp://***@gateway.test:9091")]
    [InlineData("admin:s3cret@gateway.test:9091", "***@gateway.test:9091")]
    [InlineData("http://gateway.test:9091/?token=s3cret", "http://gateway.test:9091/?***")]
    [InlineData("http://admin:s3cret@gateway.test:9091/push#s3cret", "http://***@gateway.test:9091/push#***")]
    public void Constructor_WithInvalidUrl_NamesItWithoutItsUserInfoOrQuery(string url, string shown)
    {
        var act = () => new PushgatewayPusher(new PushgatewayOptions { Url = url, Job = "batch" }, [_metrics]);

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain($"Metrics:Push:Pushgateway:Url '{shown}'").And.NotContain("s3cret").And.NotContain("admin");
    }

    [Fact]
    public void Constructor_WithInvalidGroupingLabel_ThrowsNamingIt()
    {
        var options = new PushgatewayOptions { Url = "http://x:9091", Job = "j" };
        options.GroupingLabels["bad-name"] = "v";

        var act = () => new PushgatewayPusher(options, [_metrics]);

        act.Should().Throw<ArgumentException>().WithMessage("*Metrics:Push:Pushgateway:GroupingLabels:bad-name*");
    }

    private InfluxDbPusher InfluxDb(ScriptedHttpHandler handler, Action<InfluxDbPushOptions>? configure = null)
    {
        var options = new InfluxDbPushOptions { Url = "http://influx.test:8086", Database = "app" };
        configure?.Invoke(options);
        return new InfluxDbPusher(options, [_metrics], _metrics, timeProvider: _time, handler: handler);
    }

    private PushgatewayPusher Pushgateway(ScriptedHttpHandler handler, Action<PushgatewayOptions>? configure = null)
    {
        var options = new PushgatewayOptions { Url = "http://gateway.test:9091", Job = "batch" };
        configure?.Invoke(options);
        return new PushgatewayPusher(options, [_metrics], _metrics, timeProvider: _time, handler: handler);
    }
}
