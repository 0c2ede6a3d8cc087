using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Instrumentation.Benchmarks.AppLoad;

/// <summary>
/// Builds the app in one <see cref="AppConfiguration"/>: the same routes, logging at Warning (as the web template's
/// appsettings have it, so no request logs a line), and the configuration's metrics. With <c>series</c> above zero,
/// that many extra series are recorded first (10 counters, each with one label taking series / 10 values), so a
/// scrape of the metrics endpoint has that much to write.
/// </summary>
internal static class LoadApp
{
    /// <summary>The path every configuration that has metrics serves them on.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The meter of the extra series in the OpenTelemetry configuration.</summary>
    public const string SeriesMeterName = "AppLoad.Series";

    /// <summary>Counters the extra series are spread over (OpenTelemetry's and our default limit is 2000 series a metric).</summary>
    public const int SeriesMetrics = 10;

    /// <summary>Builds the app; <paramref name="configureBuilder"/> may change the host first (the benchmarks use a test server).</summary>
    public static WebApplication Build(AppConfiguration configuration, string url, int series, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(url);
        configureBuilder?.Invoke(builder);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        switch (configuration)
        {
            case AppConfiguration.Ours or AppConfiguration.OursAddMetricsOnly or AppConfiguration.OursWithoutSizes:
                builder.AddMetrics();
                break;
            case AppConfiguration.OursWithoutAspNetCoreMeters or AppConfiguration.OursOwnCellsPrototype:
                builder.AddMetrics(options => options.IncludeDefaultMeters = false);
                break;
            case AppConfiguration.OpenTelemetry:
                builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddMeter(SeriesMeterName)
                    // No cached scrape: each scrape measured is a real one.
                    .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
                break;
        }

        var app = builder.Build();
        if (configuration == AppConfiguration.BareWithNoOpListener)
        {
            var listener = NoOpListener.Start();
            app.Lifetime.ApplicationStopped.Register(listener.Dispose);
        }

        if (configuration == AppConfiguration.OursOwnCellsPrototype)
        {
            var listener = OwnCellsListener.Start(app.Services.GetRequiredService<MetricFactory>());
            app.Lifetime.ApplicationStopped.Register(listener.Dispose);
        }

        switch (configuration)
        {
            case AppConfiguration.Ours:
                app.UseHttpMetrics();
                app.MapMetrics();
                break;
            case AppConfiguration.OursWithoutAspNetCoreMeters or AppConfiguration.OursOwnCellsPrototype:
                app.UseHttpMetrics();
                app.MapMetrics();
                break;
            case AppConfiguration.OursWithoutSizes:
                app.UseHttpMetrics(options => options.Sizes = false);
                app.MapMetrics();
                break;
            case AppConfiguration.OursAddMetricsOnly:
                app.MapMetrics();
                break;
            case AppConfiguration.PrometheusNet:
                Prometheus.HttpMetricsMiddlewareExtensions.UseHttpMetrics(app);
                Prometheus.MetricServerMiddlewareExtensions.MapMetrics(app);
                break;
            case AppConfiguration.OpenTelemetry:
                app.MapPrometheusScrapingEndpoint();
                break;
        }

        Routes.Map(app, timed: configuration is AppConfiguration.Ours or AppConfiguration.OursWithoutSizes or AppConfiguration.OursWithoutAspNetCoreMeters or AppConfiguration.OursOwnCellsPrototype);
        if (series > 0)
        {
            RecordSeries(configuration, app.Services, series);
        }

        return app;
    }

    private static void RecordSeries(AppConfiguration configuration, IServiceProvider services, int series)
    {
        var perMetric = Math.Max(1, series / SeriesMetrics);
        for (var m = 0; m < SeriesMetrics; m++)
        {
            var name = $"app_load_series_{m}";
            switch (configuration)
            {
                case AppConfiguration.Ours or AppConfiguration.OursAddMetricsOnly or AppConfiguration.OursWithoutSizes or AppConfiguration.OursWithoutAspNetCoreMeters or AppConfiguration.OursOwnCellsPrototype:
                {
                    var counter = services.GetRequiredService<MetricFactory>().CreateCounter(name, "Extra series for the scrape measurement", labelNames: ["id"]);
                    for (var i = 0; i < perMetric; i++)
                    {
                        counter.WithLabels(Id(i)).Inc(i + 1);
                    }

                    break;
                }

                case AppConfiguration.PrometheusNet:
                {
                    var counter = Prometheus.Metrics.CreateCounter(name + "_total", "Extra series for the scrape measurement", "id");
                    for (var i = 0; i < perMetric; i++)
                    {
                        counter.WithLabels(Id(i)).Inc(i + 1);
                    }

                    break;
                }

                case AppConfiguration.OpenTelemetry:
                {
                    // The MeterProvider is built with the host; resolving it here makes it listen before recording.
                    _ = services.GetRequiredService<MeterProvider>();
                    var counter = SeriesMeter.CreateCounter<long>(name, description: "Extra series for the scrape measurement");
                    for (var i = 0; i < perMetric; i++)
                    {
                        counter.Add(i + 1, new KeyValuePair<string, object?>("id", Id(i)));
                    }

                    break;
                }
            }
        }
    }

    private static readonly Meter SeriesMeter = new(SeriesMeterName);

    private static string Id(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
