using System.Diagnostics.Metrics;
using Instrumentation.OpenTelemetryProtocol.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Instrumentation.OpenTelemetryProtocol.Tests;

public sealed class OtlpMetricsHostApplicationBuilderExtensionsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AddOtlpMetricsExport_FromConfiguration_SendsCounterGaugeLabelledHistogramAndSummaryToTheCollector()
    {
        await using var receiver = OtlpHttpReceiver.Start();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Metrics:Otlp:Endpoint"] = $"http://127.0.0.1:{receiver.Port}",
            ["Metrics:Otlp:Protocol"] = "HttpProtobuf",
            ["Metrics:Otlp:Interval"] = "00:00:00.200",
        });
        builder.AddOtlpMetricsExport();
        using var host = builder.Build();
        var factory = host.Services.GetRequiredService<MetricFactory>();
        var orders = factory.CreateCounter("orders", "Orders taken", ["shop"]);
        var queue = factory.CreateGauge("queue_depth", "Jobs waiting");
        var latency = factory.CreateHistogram("request_duration_seconds", "Request latency", ["method"], buckets: [0.1, 0.5, 1]);
        var jobs = factory.CreateSummary("job_duration_seconds", "Job duration");

        await host.StartAsync();
        orders.WithLabels("north").Inc(3);
        queue.Set(7);
        latency.WithLabels("GET").Observe(0.3);
        latency.WithLabels("GET").Observe(0.7);
        latency.WithLabels("POST").Observe(2);
        jobs.Observe(1.5);
        jobs.Observe(2.5);

        var metrics = await receiver.WaitForAsync(
            m => m.Any(x => x.Name == "job_duration_seconds" && x.Points.Sum(p => (long)p.Count) == 2)
                && m.Any(x => x.Name == "request_duration_seconds" && x.Points.Count == 2),
            Wait);
        await host.StopAsync();

        var counter = metrics.Single(m => m.Name == "orders");
        counter.Kind.Should().Be(OtlpMetricKind.Sum);
        counter.IsMonotonic.Should().BeTrue();
        counter.Scope.Should().Be(MetricFactoryOptions.DefaultMeterName);
        counter.Points.Should().ContainSingle(p => p.Attributes["shop"] == "north").Which.Value.Should().Be(3);

        var gauge = metrics.Single(m => m.Name == "queue_depth");
        gauge.Kind.Should().Be(OtlpMetricKind.Gauge);
        gauge.Points.Should().ContainSingle().Which.Value.Should().Be(7);

        var histogram = metrics.Single(m => m.Name == "request_duration_seconds");
        histogram.Kind.Should().Be(OtlpMetricKind.Histogram);
        var get = histogram.Points.Single(p => p.Attributes["method"] == "GET");
        get.Count.Should().Be(2);
        get.Sum.Should().BeApproximately(1.0, 1e-9);
        get.Bounds.Should().Equal(0.1, 0.5, 1);
        get.BucketCounts.Should().Equal(0UL, 1UL, 1UL, 0UL);
        var post = histogram.Points.Single(p => p.Attributes["method"] == "POST");
        post.Count.Should().Be(1);
        post.BucketCounts.Should().Equal(0UL, 0UL, 0UL, 1UL);

        var summary = metrics.Single(m => m.Name == "job_duration_seconds");
        summary.Kind.Should().Be(OtlpMetricKind.Histogram);
        summary.Points.Should().ContainSingle().Which.Sum.Should().BeApproximately(4.0, 1e-9);
        receiver.Rejected.Should().BeEmpty();
    }

    [Fact]
    public async Task AddOtlpMetricsExport_SendsTheExportedForeignMetersToo()
    {
        await using var receiver = OtlpHttpReceiver.Start();
        var builder = Host.CreateApplicationBuilder();
        builder.AddMetrics(o => o.Meters.Add("Shop.Checkout"));
        builder.AddOtlpMetricsExport(o =>
        {
            o.Endpoint = new Uri($"http://127.0.0.1:{receiver.Port}");
            o.Interval = TimeSpan.FromMilliseconds(200);
        });
        using var host = builder.Build();
        using var meter = new Meter("Shop.Checkout");
        var payments = meter.CreateCounter<long>("shop.payments", unit: "{payment}");
        var ignored = new Meter("Not.Exported").CreateCounter<long>("not.exported");

        await host.StartAsync();
        payments.Add(5, new KeyValuePair<string, object?>("card", "visa"));
        ignored.Add(1);

        var metrics = await receiver.WaitForAsync(m => m.Any(x => x.Name == "shop.payments"), Wait);
        await host.StopAsync();

        var foreign = metrics.Single(m => m.Name == "shop.payments");
        foreign.Scope.Should().Be("Shop.Checkout");
        foreign.Points.Should().ContainSingle().Which.Attributes["card"].Should().Be("visa");
        foreign.Points.Single().Value.Should().Be(5);
        receiver.Requests.SelectMany(r => r).Should().NotContain(m => m.Name == "not.exported");
        ignored.Meter.Dispose();
    }

    [Fact]
    public async Task AddOtlpMetricsExport_SendsTheServiceNameAsResourceAttribute()
    {
        await using var receiver = OtlpHttpReceiver.Start();
        var builder = Host.CreateApplicationBuilder();
        builder.AddOtlpMetricsExport(o =>
        {
            o.Endpoint = new Uri($"http://127.0.0.1:{receiver.Port}");
            o.Interval = TimeSpan.FromMilliseconds(200);
            o.ServiceName = "fruit-backend";
        });
        using var host = builder.Build();
        host.Services.GetRequiredService<MetricFactory>().CreateCounter("apples", "Apples sold").Inc();

        await host.StartAsync();
        var metrics = await receiver.WaitForAsync(m => m.Any(x => x.Name == "apples"), Wait);
        await host.StopAsync();

        metrics.Single(m => m.Name == "apples").Resource.Should().Contain("service.name", "fruit-backend");
    }

    [Fact]
    public async Task AddOtlpMetricsExport_TwoHostsInOneProcess_EachSendsOnlyMetersOfItsOwnMeterFactory()
    {
        await using var firstReceiver = OtlpHttpReceiver.Start();
        await using var secondReceiver = OtlpHttpReceiver.Start();
        using var first = BuildHost(firstReceiver.Port);
        using var second = BuildHost(secondReceiver.Port);
        var firstOrders = first.Services.GetRequiredService<IMeterFactory>().Create("Shop.Scoped").CreateCounter<long>("shop.scoped.orders");
        var secondOrders = second.Services.GetRequiredService<IMeterFactory>().Create("Shop.Scoped").CreateCounter<long>("shop.scoped.orders");

        await first.StartAsync();
        await second.StartAsync();
        firstOrders.Add(3);
        secondOrders.Add(40);
        var fromFirst = await firstReceiver.WaitForAsync(m => m.Any(x => x.Name == "shop.scoped.orders"), Wait);
        var fromSecond = await secondReceiver.WaitForAsync(m => m.Any(x => x.Name == "shop.scoped.orders"), Wait);
        await first.StopAsync();
        await second.StopAsync();

        fromFirst.Single(m => m.Name == "shop.scoped.orders").Points.Should().ContainSingle().Which.Value.Should().Be(3);
        fromSecond.Single(m => m.Name == "shop.scoped.orders").Points.Should().ContainSingle().Which.Value.Should().Be(40);

        static IHost BuildHost(int port)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.AddMetrics(o => o.Meters.Add("Shop.Scoped"));
            builder.AddOtlpMetricsExport(o =>
            {
                o.Endpoint = new Uri($"http://127.0.0.1:{port}");
                o.Interval = TimeSpan.FromMilliseconds(200);
            });
            return builder.Build();
        }
    }

    [Fact]
    public async Task AddOtlpMetricsExport_WithLongInterval_ExportsOnceWhenTheHostStops()
    {
        await using var receiver = OtlpHttpReceiver.Start();
        var builder = Host.CreateApplicationBuilder();
        builder.AddOtlpMetricsExport(o =>
        {
            o.Endpoint = new Uri($"http://127.0.0.1:{receiver.Port}");
            o.Interval = TimeSpan.FromHours(1);
        });
        var host = builder.Build();
        var rows = host.Services.GetRequiredService<MetricFactory>().CreateCounter("rows", "Rows imported");

        await host.StartAsync();
        rows.Inc(42);
        receiver.Requests.Should().BeEmpty();
        await host.StopAsync();
        host.Dispose();

        var metrics = await receiver.WaitForAsync(m => m.Any(x => x.Name == "rows"), TimeSpan.FromSeconds(1));
        metrics.Single(m => m.Name == "rows").Points.Single().Value.Should().Be(42);
    }

    [Theory]
    [InlineData("Metrics:Otlp:Endpoint", "ftp://127.0.0.1:4318", "Metrics:Otlp:Endpoint 'ftp://127.0.0.1:4318' must be an absolute http or https URL")]
    [InlineData("Metrics:Otlp:Endpoint", "ftp://collector:s3cret@127.0.0.1:4318/?api-key=s3cret", "Metrics:Otlp:Endpoint 'ftp://***@127.0.0.1:4318/?***' must be an absolute http or https URL")]
    [InlineData("Metrics:Otlp:Interval", "00:00:00", "Metrics:Otlp:Interval is 00:00:00; it must be positive")]
    [InlineData("Metrics:Otlp:Timeout", "-00:00:01", "Metrics:Otlp:Timeout is -00:00:01; it must be positive")]
    public async Task AddOtlpMetricsExport_WithInvalidOption_FailsAtStartNamingIt(string key, string value, string message)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddOtlpMetricsExport();
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(message);
    }

    [Fact]
    public void AddOtlpMetricsExport_CalledTwice_RegistersOneExportAndAppliesBothDelegates()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddOtlpMetricsExport(o => o.Protocol = OtlpProtocol.Grpc);
        builder.AddOtlpMetricsExport(o => o.Headers["x-api-key"] = "secret");
        using var host = builder.Build();

        builder.Services.Count(d => d.ServiceType == typeof(OtlpMetricsExport)).Should().Be(1);
        var options = host.Services.GetRequiredService<IOptions<OtlpExportOptions>>().Value;
        options.Protocol.Should().Be(OtlpProtocol.Grpc);
        options.Headers.Should().ContainKey("x-api-key");
    }
}
