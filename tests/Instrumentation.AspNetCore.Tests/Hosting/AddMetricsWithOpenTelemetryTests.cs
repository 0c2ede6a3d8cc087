using System.Diagnostics;
using System.Diagnostics.Metrics;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Exposition;
using Instrumentation.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Instrumentation.AspNetCore.Tests.Hosting;

/// <summary>
/// AddMetrics() in an app that also calls AddOpenTelemetry().WithMetrics(): /metrics reads the foreign meters
/// through the app's provider, in either call order; without AddOpenTelemetry() it keeps a provider of its own.
/// </summary>
public sealed class AddMetricsWithOpenTelemetryTests
{
    private const string RequestsSourceName = "Instrumentation.AspNetCore.Tests.AppProvider";
    private static readonly ActivitySource Requests = new(RequestsSourceName);

    public static TheoryData<bool> BothOrders => new() { true, false };

    [Fact]
    public async Task AddMetrics_WithoutAddOpenTelemetry_AggregatesForeignMetersInAProviderOfItsOwn()
    {
        var meterName = UniqueMeterName();
        var builder = Host.CreateApplicationBuilder();
        builder.AddMetrics(o => o.Meters.Add(meterName));
        using var host = builder.Build();
        using var meter = new Meter(meterName);
        var orders = meter.CreateCounter<long>("shop.orders");
        await host.StartAsync();

        orders.Add(3);

        host.Services.GetService<MeterProvider>().Should().BeNull();
        host.Services.GetRequiredService<ForeignMeterSource>().UsesAppProvider.Should().BeFalse();
        Scrape(host).Should().Contain("shop_orders_total 3");
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WithAddOpenTelemetry_ReadsTheForeignMetersThroughTheAppsProvider(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        var exported = new List<Metric>();
        using var host = Build(addMetricsFirst, o => o.Meters.Add(meterName), m => m.AddInMemoryExporter(exported));
        using var meter = new Meter(meterName);
        var orders = meter.CreateCounter<long>("shop.orders");
        await host.StartAsync();

        orders.Add(3);

        var source = host.Services.GetRequiredService<ForeignMeterSource>();
        source.UsesAppProvider.Should().BeTrue();
        Scrape(host).Should().Contain("shop_orders_total 3");
        FlushTheAppsExporters(host);
        exported.Should().Contain(m => m.Name == "shop.orders", "AddMetrics() added the meter it exports to the app's provider, whose own exporter sees it too");
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WithAddOpenTelemetryForTracingOnly_AggregatesForeignMetersInAProviderOfItsOwn(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        var builder = Host.CreateApplicationBuilder();
        InOrder(
            addMetricsFirst,
            ours: () => builder.AddMetrics(o => o.Meters.Add(meterName)),
            openTelemetry: () => builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource(RequestsSourceName)));

        using var host = builder.Build();
        using var meter = new Meter(meterName);
        var orders = meter.CreateCounter<long>("shop.orders");
        await host.StartAsync();

        orders.Add(3);

        host.Services.GetService<MeterProvider>().Should().BeNull("WithTracing() alone registers no MeterProvider");
        host.Services.GetRequiredService<ForeignMeterSource>().UsesAppProvider.Should().BeFalse();
        Scrape(host).Should().Contain("shop_orders_total 3");
        await host.StopAsync();
    }

    [Fact]
    public async Task AddMetrics_WhenAnEarlierHostedServiceResolvesTheAppsProvider_StillReadsThroughIt()
    {
        var meterName = UniqueMeterName();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(meterName));
        builder.Services.AddHostedService<ProviderResolvingService>();
        builder.AddMetrics(o => o.IncludeDefaultMeters = false);
        using var host = builder.Build();
        using var meter = new Meter(meterName);
        var orders = meter.CreateCounter<long>("shop.orders");
        await host.StartAsync();

        orders.Add(3);

        host.Services.GetRequiredService<ForeignMeterSource>().UsesAppProvider.Should().BeTrue();
        Scrape(host).Should().Contain("shop_orders_total 3");
        await host.StopAsync();
    }

    [Fact]
    public async Task Scrape_WhileTheAppFlushesItsProvider_Succeeds()
    {
        // A flush collects every reader; ours refuses a collection that is not a scrape. A scrape that arrives while
        // the flush's collection of our reader is pending joins it in the SDK, and must not fail with its refusal.
        var meterName = UniqueMeterName();
        using var host = Build(addMetricsFirst: true, o => o.Meters.Add(meterName), _ => { });
        using var meter = new Meter(meterName);
        var orders = meter.CreateCounter<long>("shop.orders");
        await host.StartAsync();
        orders.Add(3);
        var provider = host.Services.GetRequiredService<MeterProvider>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        var flushes = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                provider.ForceFlush();
            }
        });
        var failures = new List<Exception>();
        var scrapes = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                Scrape(host).Should().Contain("shop_orders_total 3");
                scrapes++;
            }
            catch (InvalidOperationException ex)
            {
                failures.Add(ex);
            }
        }

        await flushes;
        failures.Should().BeEmpty($"every one of {scrapes + failures.Count} scrapes made during flushes should succeed");
        await host.StopAsync();
    }

    [Fact]
    public async Task AddMetrics_WithWithMetricsCalledTwice_ReadsOnceThroughTheOneProvider()
    {
        var meterName = UniqueMeterName();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(meterName));
        builder.AddMetrics(o => o.IncludeDefaultMeters = false);
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(meterName));
        using var host = builder.Build();
        using var meter = new Meter(meterName);
        var orders = meter.CreateCounter<long>("shop.orders");
        await host.StartAsync();

        orders.Add(3);

        host.Services.GetRequiredService<ForeignMeterSource>().UsesAppProvider.Should().BeTrue();
        Scrape(host).Split('\n').Where(l => l.StartsWith("shop_orders_total", StringComparison.Ordinal)).Should().Equal("shop_orders_total 3");
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WithAnAppViewRenamingOntoOurOwnMetricName_CountsANameCollisionAndKeepsOurs(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        using var host = Build(addMetricsFirst, o => o.Meters.Add(meterName), m => m.AddView("shop.orders.legacy", "shop_orders"));
        using var meter = new Meter(meterName);
        var legacy = meter.CreateCounter<long>("shop.orders.legacy");
        await host.StartAsync();
        var ours = host.Services.GetRequiredService<MetricFactory>().CreateCounter("shop_orders", "Orders");

        ours.Inc(2);
        legacy.Add(40);

        Scrape(host);
        var body = Scrape(host);
        body.Split('\n').Should().Contain("shop_orders_total 2", "our own instruments come first, and the first source wins a name");
        body.Should().NotContain("shop_orders_total 40");
        body.Should().Contain("metrics_series_dropped_total{metric=\"shop_orders\",reason=\"name_collision\"} ");
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WithAddOpenTelemetry_ShowsAMeterOnlyTheAppsProviderNames(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        using var host = Build(addMetricsFirst, o => o.IncludeDefaultMeters = false, m => m.AddMeter(meterName));
        using var meter = new Meter(meterName);
        var refunds = meter.CreateUpDownCounter<long>("shop.refunds.pending");
        await host.StartAsync();

        refunds.Add(4);
        refunds.Add(-1);

        Scrape(host).Split('\n').Should().Contain("shop_refunds_pending 3", "/metrics reads whatever the app's provider aggregates, not only Metrics:Meters");
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WithAddOpenTelemetry_RunsAnObservableCallbackOncePerScrape(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        using var host = Build(addMetricsFirst, o => o.Meters.Add(meterName), m => { });
        using var meter = new Meter(meterName);
        var calls = 0;
        meter.CreateObservableGauge("shop.queue.length", () => Interlocked.Increment(ref calls));
        await host.StartAsync();

        Scrape(host);
        Scrape(host);
        var body = Scrape(host);

        calls.Should().Be(3, "one provider collects the meter, once per scrape");
        body.Split('\n').Should().ContainSingle(l => l.StartsWith("shop_queue_length ", StringComparison.Ordinal)).Which.Should().Be("shop_queue_length 3");
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WithAddOpenTelemetry_ShowsAHistogramThroughTheAppsViews(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        using var host = Build(addMetricsFirst, o => o.Meters.Add(meterName), m => m
            .AddView("shop.checkout.duration", new ExplicitBucketHistogramConfiguration { Name = "shop.payment.duration", Boundaries = [0.5, 2] }));
        using var meter = new Meter(meterName);
        var checkout = meter.CreateHistogram<double>("shop.checkout.duration", unit: "s");
        await host.StartAsync();

        checkout.Record(1);

        var lines = Scrape(host).Split('\n');
        lines.Should().Contain("shop_payment_duration_seconds_bucket{le=\"0.5\"} 0");
        lines.Should().Contain("shop_payment_duration_seconds_bucket{le=\"2\"} 1");
        lines.Should().Contain("shop_payment_duration_seconds_count 1", "recorded once, aggregated once");
        lines.Should().NotContain(l => l.StartsWith("shop_checkout_duration", StringComparison.Ordinal), "the view renamed the stream");
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WithAddOpenTelemetry_ReadsThroughTheAppsResource(bool addMetricsFirst)
    {
        using var host = Build(addMetricsFirst, o => { }, m => m.ConfigureResource(r => r.AddService("fruit-shop")));
        await host.StartAsync();
        Scrape(host);

        var resource = host.Services.GetRequiredService<ForeignMeterSource>().Resource;

        resource.Should().NotBeNull();
        resource!.Attributes.Should().Contain(new KeyValuePair<string, object>("service.name", "fruit-shop"));
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WithAddOpenTelemetry_AppliesTheAppsCardinalityLimit(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        using var host = Build(addMetricsFirst, o => o.Meters.Add(meterName), m => m
            .AddView("shop.visits", new MetricStreamConfiguration { CardinalityLimit = 3 }));
        using var meter = new Meter(meterName);
        var visits = meter.CreateCounter<long>("shop.visits");
        await host.StartAsync();

        foreach (var page in new[] { "a", "b", "c", "d", "e" })
        {
            visits.Add(1, new KeyValuePair<string, object?>("page", page));
        }

        var lines = Scrape(host).Split('\n').Where(l => l.StartsWith("shop_visits_total", StringComparison.Ordinal)).ToList();
        lines.Should().Contain(l => l.Contains("otel_metric_overflow=\"true\"", StringComparison.Ordinal), "the app's view limits the stream");
        lines.Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Should().Be(5);
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WithAddOpenTelemetryAndNoExemplarFilter_KeepsTraceExemplarsOfForeignMeters(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        using var host = Build(addMetricsFirst, o => o.Meters.Add(meterName), m => { });
        var (body, traceId) = await ScrapeAfterATracedOrderAsync(host, meterName);

        body.Should().Contain($"shop_orders_total 1 # {{trace_id=\"{traceId}\"");
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WithTheAppsExemplarFilterOff_ShowsNoExemplarOfForeignMeters(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        using var host = Build(addMetricsFirst, o => o.Meters.Add(meterName), m => m.SetExemplarFilter(ExemplarFilterType.AlwaysOff));
        var (body, _) = await ScrapeAfterATracedOrderAsync(host, meterName);

        body.Should().Contain("shop_orders_total 1");
        body.Should().NotContain("trace_id", "the app's exemplar filter wins over the default AddMetrics() sets");
        await host.StopAsync();
    }

    [Fact]
    public async Task AddMetrics_WithTheExemplarFilterConfiguredByOpenTelemetrysKey_LeavesItToThatKey()
    {
        var meterName = UniqueMeterName();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_METRICS_EXEMPLAR_FILTER"] = "always_off";
        builder.AddMetrics(o => o.Meters.Add(meterName));
        builder.Services.AddOpenTelemetry().WithMetrics(m => { });
        using var host = builder.Build();
        var (body, _) = await ScrapeAfterATracedOrderAsync(host, meterName);

        body.Should().Contain("shop_orders_total 1");
        body.Should().NotContain("trace_id", "OTEL_METRICS_EXEMPLAR_FILTER applies where the app set no filter in code");
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetrics_WhenTheAppsProviderAlsoListensToOurMeter_ShowsOurInstrumentsOnce(bool addMetricsFirst)
    {
        var exported = new List<Metric>();
        using var host = Build(addMetricsFirst, o => { }, m => m.AddMeter("Instrumentation").AddInMemoryExporter(exported));
        var factory = host.Services.GetRequiredService<MetricFactory>();
        var jobs = factory.CreateCounter("jobs", "Jobs done", labelNames: ["queue"]);
        var latency = factory.CreateHistogram("job_duration_seconds", "Job time", unit: "seconds");
        await host.StartAsync();

        jobs.WithLabels("fruit").Inc(2);
        latency.Observe(0.2);

        Scrape(host);
        var lines = Scrape(host).Split('\n');   // the second: a drop in one scrape is counted in the next one's self-metrics
        lines.Should().ContainSingle(l => l.StartsWith("jobs_total", StringComparison.Ordinal)).Which.Should().Be("jobs_total{queue=\"fruit\"} 2");
        lines.Where(l => l.StartsWith("# TYPE job_duration_seconds ", StringComparison.Ordinal)).Should().ContainSingle();
        lines.Should().Contain("job_duration_seconds_count 1");
        lines.Should().NotContain(l => l.StartsWith("metrics_series_dropped_total", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal),
            "the provider's copy is left out before it reaches the scrape, not dropped there as a name clash");
        FlushTheAppsExporters(host);
        exported.Should().Contain(m => m.Name == "job_duration_seconds", "the app's own exporters still get our instruments");
        await host.StopAsync();
    }

    [Fact]
    public async Task AddMetrics_WithAMeterProviderRegisteredByHand_FallsBackToAProviderOfItsOwn()
    {
        var meterName = UniqueMeterName();
        var builder = Host.CreateApplicationBuilder();
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder().Build());
        builder.AddMetrics(o => o.Meters.Add(meterName));
        using var host = builder.Build();
        using var meter = new Meter(meterName);
        var orders = meter.CreateCounter<long>("shop.orders");
        await host.StartAsync();

        orders.Add(4);

        Scrape(host).Should().Contain("shop_orders_total 4");
        host.Services.GetRequiredService<ForeignMeterSource>().UsesAppProvider.Should().BeFalse();
        logs.Lines.Should().Contain(m => m.Contains("was not built by the OpenTelemetry SDK", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetricsServer_WithAddOpenTelemetry_ServesTheAppsForeignMetersButNotItsOwnRequests(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        var port = FreePort.Next();
        var builder = Host.CreateApplicationBuilder();
        InOrder(
            addMetricsFirst,
            ours: () => builder.AddMetricsServer(port),
            openTelemetry: () => builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter("Microsoft.AspNetCore.Hosting")));

        builder.AddMetrics(o => o.Meters.Add(meterName));
        using var host = builder.Build();
        using var meter = new Meter(meterName);
        var jobs = meter.CreateCounter<long>("worker.jobs");
        await host.StartAsync();
        try
        {
            jobs.Add(6);
            using var client = new HttpClient();
            var url = new Uri($"http://127.0.0.1:{port}/metrics");
            await client.GetStringAsync(url);

            var body = await client.GetStringAsync(url);

            host.Services.GetRequiredService<ForeignMeterSource>().UsesAppProvider.Should().BeTrue();
            body.Should().Contain("worker_jobs_total 6");
            body.Should().NotContain("http_server_request_duration_seconds", "the metrics server's requests are its own web application's, not the host's");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddMetricsServer_WithAnAppViewOnTheRequestDuration_StillLeavesOutItsOwnRequests(bool addMetricsFirst)
    {
        // A view on http.server.request.duration (custom buckets) is the most common view there is. The SDK makes a
        // stream for every view that matches, so our view's Drop for another host's meter does not veto the app's.
        var port = FreePort.Next();
        var builder = Host.CreateApplicationBuilder();
        Action<MeterProviderBuilder> openTelemetry = m => m
            .AddMeter("Microsoft.AspNetCore.Hosting")
            .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = [0.1, 1] });
        InOrder(
            addMetricsFirst,
            ours: () => builder.AddMetricsServer(port),
            openTelemetry: () => builder.Services.AddOpenTelemetry().WithMetrics(openTelemetry));

        builder.AddMetrics();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var client = new HttpClient();
            var url = new Uri($"http://127.0.0.1:{port}/metrics");
            await client.GetStringAsync(url);

            var body = await client.GetStringAsync(url);

            host.Services.GetRequiredService<ForeignMeterSource>().UsesAppProvider.Should().BeTrue();
            body.Should().NotContain("http_server_request_duration_seconds_count", "the metrics server's requests are its own web application's, not the host's, whatever views the app has");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task AddPushgateway_WithAddOpenTelemetry_PushesTheForeignMetersReadThroughTheAppsProvider(bool addMetricsFirst)
    {
        var meterName = UniqueMeterName();
        await using var gateway = await PushgatewayServer.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        Action<Instrumentation.Push.PushgatewayOptions> push = o =>
        {
            o.Url = $"http://127.0.0.1:{gateway.Port}";
            o.Job = "worker";
            o.Interval = TimeSpan.FromHours(1);
        };
        InOrder(
            addMetricsFirst,
            ours: () => builder.AddPushgateway(push),
            openTelemetry: () => builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddView("worker.jobs", "worker.jobs.done")));

        builder.AddMetrics(o => o.Meters.Add(meterName));
        using var host = builder.Build();
        using var meter = new Meter(meterName);
        var jobs = meter.CreateCounter<long>("worker.jobs");
        await host.StartAsync();

        jobs.Add(6);
        await host.StopAsync();

        host.Services.GetRequiredService<ForeignMeterSource>().UsesAppProvider.Should().BeTrue();
        (await gateway.Http.GetStringAsync("/metrics")).Split('\n').Should().Contain("worker_jobs_done_total{instance=\"\",job=\"worker\"} 6", "the app's view renamed the stream");
    }

    private static IHost Build(bool addMetricsFirst, Action<Instrumentation.Hosting.MetricsOptions> metrics, Action<MeterProviderBuilder> openTelemetry)
    {
        var builder = Host.CreateApplicationBuilder();
        InOrder(
            addMetricsFirst,
            ours: () => builder.AddMetrics(metrics),
            openTelemetry: () => builder.Services.AddOpenTelemetry().WithMetrics(openTelemetry));
        return builder.Build();
    }

    /// <summary>Runs our registration and the app's OpenTelemetry one, ours first or second: each is tested in both orders.</summary>
    private static void InOrder(bool oursFirst, Action ours, Action openTelemetry)
    {
        if (oursFirst)
        {
            ours();
            openTelemetry();
        }
        else
        {
            openTelemetry();
            ours();
        }
    }

    /// <summary>
    /// Flushes the app's provider. Its result is false, as with OpenTelemetry's own Prometheus exporter: a pull reader
    /// (ours) refuses to be collected by a flush, while the other readers are collected and exported.
    /// </summary>
    private static void FlushTheAppsExporters(IHost host) => host.Services.GetRequiredService<MeterProvider>().ForceFlush();

    private static string Scrape(IHost host, ExpositionFormat format = ExpositionFormat.PrometheusText) =>
        host.Services.GetRequiredService<MetricsScraper>().Scrape(format);

    /// <summary>Starts <paramref name="host"/>, counts one order of a foreign meter inside a sampled activity, and scrapes OpenMetrics.</summary>
    private static async Task<(string Body, string TraceId)> ScrapeAfterATracedOrderAsync(IHost host, string meterName)
    {
        using var meter = new Meter(meterName);
        var orders = meter.CreateCounter<long>("shop.orders");
        using var listener = SampleEverything();
        await host.StartAsync();

        string traceId;
        using (var activity = Requests.StartActivity("order"))
        {
            traceId = activity!.TraceId.ToHexString();
            orders.Add(1);
        }

        return (Scrape(host, ExpositionFormat.OpenMetrics), traceId);
    }

    private static string UniqueMeterName() => "Instrumentation.AspNetCore.Tests.AppProvider." + Guid.NewGuid().ToString("N");

    private static ActivityListener SampleEverything()
    {
        var listener = new ActivityListener
        {
            // By name: comparing with the field could run its initializer inside AddActivityListener, too early.
            ShouldListenTo = s => s.Name == RequestsSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>A hosted service that takes the app's provider in its constructor, so the provider is built before our start-up runs.</summary>
    private sealed class ProviderResolvingService(MeterProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(provider);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
