using System.Diagnostics.Metrics;
using Instrumentation.Hosting;
using Instrumentation.OpenTelemetryProtocol.Tests.TestSupport;
using Instrumentation.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Instrumentation.OpenTelemetryProtocol.Tests;

/// <summary>
/// AddOtlpMetricsExport() in an app that also calls AddOpenTelemetry().WithMetrics(): the OTLP reader joins the app's
/// provider, in either call order; without AddOpenTelemetry() it keeps a provider of its own.
/// </summary>
public sealed class OtlpMetricsExportWithOpenTelemetryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static TheoryData<bool> BothOrders => new() { true, false };

    [Fact]
    public async Task AddOtlpMetricsExport_WithoutAddOpenTelemetry_ExportsThroughAProviderOfItsOwn()
    {
        await using var receiver = OtlpHttpReceiver.Start();
        var builder = Host.CreateApplicationBuilder();
        builder.AddOtlpMetricsExport(o => Configure(o, receiver));
        using var host = builder.Build();
        host.Services.GetRequiredService<MetricFactory>().CreateCounter("apples", "Apples sold").Inc(2);
        await host.StartAsync();

        var export = host.Services.GetRequiredService<OtlpMetricsExport>();
        export.ForceFlush(Wait).Should().BeTrue();

        host.Services.GetService<MeterProvider>().Should().BeNull();
        export.UsesAppProvider.Should().BeFalse();
        var metrics = await receiver.WaitForAsync(m => m.Any(x => x.Name == "apples"), Wait);
        metrics.Single(m => m.Name == "apples").Points.Should().ContainSingle().Which.Value.Should().Be(2);
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddOtlpMetricsExport_WithAddOpenTelemetry_ExportsThroughTheAppsProviderWithItsResourceAndViews(bool otlpFirst)
    {
        var meterName = UniqueMeterName();
        await using var receiver = OtlpHttpReceiver.Start();
        using var host = Build(
            otlpFirst,
            receiver,
            o => o.Meters.Add(meterName),
            m => m.ConfigureResource(r => r.AddService("fruit-shop"))
                .AddView("shop.checkout.duration", new ExplicitBucketHistogramConfiguration { Name = "shop.payment.duration", Boundaries = [0.5, 2] }));
        using var meter = new Meter(meterName);
        var checkout = meter.CreateHistogram<double>("shop.checkout.duration", unit: "s");
        await host.StartAsync();

        checkout.Record(1);
        var export = host.Services.GetRequiredService<OtlpMetricsExport>();
        export.ForceFlush(Wait).Should().BeTrue();

        export.UsesAppProvider.Should().BeTrue();
        var metrics = await receiver.WaitForAsync(m => m.Any(x => x.Name == "shop.payment.duration"), Wait);
        var payment = metrics.Single(m => m.Name == "shop.payment.duration");
        payment.Resource.Should().Contain("service.name", "fruit-shop");
        payment.Points.Should().ContainSingle().Which.Bounds.Should().Equal(0.5, 2);
        payment.Points.Single().Count.Should().Be(1, "recorded once, aggregated once");
        metrics.Should().NotContain(m => m.Name == "shop.checkout.duration", "the app's view renamed the stream");
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddOtlpMetricsExport_WithAddOpenTelemetry_ExportsOurInstrumentsOnce(bool otlpFirst)
    {
        await using var receiver = OtlpHttpReceiver.Start();

        // The app's provider listening to our meter itself too must not make a second stream.
        using var host = Build(otlpFirst, receiver, o => { }, m => m.AddMeter(MetricFactoryOptions.DefaultMeterName));
        var factory = host.Services.GetRequiredService<MetricFactory>();
        var jobs = factory.CreateCounter("jobs", "Jobs done", ["queue"]);
        var depth = factory.CreateGauge("queue_depth", "Jobs waiting");
        var latency = factory.CreateHistogram("job_duration_seconds", "Job time", buckets: [0.1, 1]);
        await host.StartAsync();

        jobs.WithLabels("fruit").Inc(2);
        depth.Set(5);
        latency.Observe(0.2);
        host.Services.GetRequiredService<OtlpMetricsExport>().ForceFlush(Wait).Should().BeTrue();

        var metrics = await receiver.WaitForAsync(m => m.Any(x => x.Name == "job_duration_seconds"), Wait);
        metrics.Should().ContainSingle(m => m.Name == "jobs").Which.Points.Should().ContainSingle().Which.Value.Should().Be(2);
        metrics.Should().ContainSingle(m => m.Name == "queue_depth").Which.Points.Should().ContainSingle().Which.Value.Should().Be(5);
        var histogram = metrics.Should().ContainSingle(m => m.Name == "job_duration_seconds").Which;
        histogram.Points.Should().ContainSingle().Which.Count.Should().Be(1);
        histogram.Scope.Should().Be(MetricFactoryOptions.DefaultMeterName);
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddOtlpMetricsExport_WithAddOpenTelemetry_RunsAnObservableCallbackOncePerExport(bool otlpFirst)
    {
        var meterName = UniqueMeterName();
        await using var receiver = OtlpHttpReceiver.Start();
        using var host = Build(otlpFirst, receiver, o => o.Meters.Add(meterName), m => { });
        using var meter = new Meter(meterName);
        var calls = 0;
        meter.CreateObservableGauge("shop.queue.length", () => Interlocked.Increment(ref calls));
        await host.StartAsync();
        var export = host.Services.GetRequiredService<OtlpMetricsExport>();

        export.ForceFlush(Wait).Should().BeTrue();
        export.ForceFlush(Wait).Should().BeTrue();
        export.ForceFlush(Wait).Should().BeTrue();

        calls.Should().Be(3, "one provider collects the meter, and an export collects only the OTLP reader");
        var metrics = await receiver.WaitForAsync(m => m.Any(x => x.Name == "shop.queue.length" && x.Points.Single().Value == 3), Wait);
        metrics.Should().ContainSingle(m => m.Name == "shop.queue.length");
        await host.StopAsync();
    }

    [Fact]
    public async Task AddOtlpMetricsExport_WithAddOpenTelemetryAndAServiceNameOption_WarnsThatTheAppsResourceApplies()
    {
        await using var receiver = OtlpHttpReceiver.Start();
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddProvider(logs);
        builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("fruit-shop")).WithMetrics(m => { });
        builder.AddOtlpMetricsExport(o =>
        {
            Configure(o, receiver);
            o.ServiceName = "fruit-backend";
        });
        using var host = builder.Build();
        host.Services.GetRequiredService<MetricFactory>().CreateCounter("apples", "Apples sold").Inc();
        await host.StartAsync();

        host.Services.GetRequiredService<OtlpMetricsExport>().ForceFlush(Wait).Should().BeTrue();

        var metrics = await receiver.WaitForAsync(m => m.Any(x => x.Name == "apples"), Wait);
        metrics.Single(m => m.Name == "apples").Resource.Should().Contain("service.name", "fruit-shop");
        logs.Lines.Should().Contain(l => l.Contains("Metrics:Otlp:ServiceName 'fruit-backend' is ignored", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddOtlpMetricsExport_WithAMeterProviderRegisteredByHand_FallsBackToAProviderOfItsOwnAndWarns()
    {
        await using var receiver = OtlpHttpReceiver.Start();
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder().Build());
        builder.AddOtlpMetricsExport(o => Configure(o, receiver));
        using var host = builder.Build();
        host.Services.GetRequiredService<MetricFactory>().CreateCounter("apples", "Apples sold").Inc(4);
        await host.StartAsync();

        var export = host.Services.GetRequiredService<OtlpMetricsExport>();
        export.ForceFlush(Wait).Should().BeTrue();

        export.UsesAppProvider.Should().BeFalse();
        var metrics = await receiver.WaitForAsync(m => m.Any(x => x.Name == "apples"), Wait);
        metrics.Single(m => m.Name == "apples").Points.Should().ContainSingle().Which.Value.Should().Be(4);
        logs.Lines.Should().Contain(l => l.Contains("the OTLP export could not become one of its readers", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddOtlpMetricsExport_WithAddOpenTelemetry_ExportsOnceMoreWhenTheHostStops(bool otlpFirst)
    {
        await using var receiver = OtlpHttpReceiver.Start();
        var host = Build(otlpFirst, receiver, o => { }, m => { });
        var rows = host.Services.GetRequiredService<MetricFactory>().CreateCounter("rows", "Rows imported");
        await host.StartAsync();

        rows.Inc(42);
        receiver.Requests.Should().BeEmpty();
        await host.StopAsync();
        host.Dispose();

        var metrics = await receiver.WaitForAsync(m => m.Any(x => x.Name == "rows"), TimeSpan.FromSeconds(1));
        metrics.Single(m => m.Name == "rows").Points.Single().Value.Should().Be(42);
    }

    private static void Configure(OtlpExportOptions options, OtlpHttpReceiver receiver)
    {
        options.Endpoint = new Uri($"http://127.0.0.1:{receiver.Port}");
        options.Interval = TimeSpan.FromHours(1);   // the tests export with ForceFlush, so they count exports exactly
    }

    private static IHost Build(bool otlpFirst, OtlpHttpReceiver receiver, Action<MetricsOptions> metrics, Action<MeterProviderBuilder> openTelemetry)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddMetrics(metrics);
        if (otlpFirst)
        {
            builder.AddOtlpMetricsExport(o => Configure(o, receiver));
            builder.Services.AddOpenTelemetry().WithMetrics(openTelemetry);
        }
        else
        {
            builder.Services.AddOpenTelemetry().WithMetrics(openTelemetry);
            builder.AddOtlpMetricsExport(o => Configure(o, receiver));
        }

        return builder.Build();
    }

    private static string UniqueMeterName() => "Instrumentation.OpenTelemetryProtocol.Tests.AppProvider." + Guid.NewGuid().ToString("N");
}
