using System.Diagnostics.Metrics;
using Instrumentation;
using Instrumentation.Hosting;
using Instrumentation.OpenTelemetryProtocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the export of the application's metrics over OTLP.</summary>
public static class OtlpMetricsHostApplicationBuilderExtensions
{
    /// <summary>
    /// Exports our instruments and the foreign meters <c>/metrics</c> exports to an OpenTelemetry Collector
    /// over OTLP every <see cref="OtlpExportOptions.Interval"/>, and once more when the host stops. Calls
    /// <c>AddMetrics()</c>; binds <see cref="OtlpExportOptions"/> from <c>Metrics:Otlp</c> and validates them at
    /// start-up. The OpenTelemetry <c>MeterProvider</c> behind it is ours: created at start, disposed with the
    /// host. Each export's outcome is recorded as <c>push_last_success_timestamp_seconds</c>, <c>push_errors_total</c>
    /// and <c>push_dropped_total</c> with <c>target="otlp"</c>, like the other pushers. Calling it again only adds
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="configure">Optional changes to the options in code, applied after configuration.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddOtlpMetricsExport(this IHostApplicationBuilder builder, Action<OtlpExportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMetrics();
        var services = builder.Services;
        var options = services.AddOptions<OtlpExportOptions>();
        if (!services.Any(static d => d.ServiceType == typeof(OtlpMetricsExport)))
        {
            options.Bind(builder.Configuration.GetSection(OtlpExportOptions.SectionName));
            options.ValidateOnStart();
            services.AddSingleton<IValidateOptions<OtlpExportOptions>, OtlpExportOptionsValidator>();
            services.AddSingleton(static provider => new OtlpMetricsExport(
                provider.GetRequiredService<IOptions<OtlpExportOptions>>().Value,
                provider.GetRequiredService<IOptions<MetricsOptions>>().Value,
                provider.GetService<IHostEnvironment>()?.ApplicationName ?? "unknown_service",
                provider.GetRequiredService<IMeterFactory>(),
                provider.GetRequiredService<MetricFactory>(),
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetService<ILoggerFactory>()?.CreateLogger<OtlpMetricsExport>()));
            services.AddHostedService<OtlpExportStartup>();
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }
}
