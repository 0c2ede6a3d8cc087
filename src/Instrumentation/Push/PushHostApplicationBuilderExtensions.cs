using System.Diagnostics.CodeAnalysis;
using Instrumentation;
using Instrumentation.Collection;
using Instrumentation.OpenTelemetry;
using Instrumentation.Push;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers pushers of the application's metrics to a Pushgateway or InfluxDB.</summary>
public static class PushHostApplicationBuilderExtensions
{
    /// <summary>
    /// Pushes what <c>/metrics</c> would serve to a Prometheus Pushgateway every
    /// <see cref="PushOptions.Interval"/> and once at shutdown, on a background service. Calls
    /// <c>AddMetrics()</c>; binds <see cref="PushgatewayOptions"/> from <c>Metrics:Push:Pushgateway</c> and
    /// validates them at start-up. The <see cref="PushgatewayPusher"/> is registered too, for a one-shot
    /// <c>PushAsync()</c>. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="configure">Optional changes to the options in code, applied after configuration.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddPushgateway(this IHostApplicationBuilder builder, Action<PushgatewayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMetrics();
        var options = builder.Services.AddOptions<PushgatewayOptions>();
        if (TryRegister<PushgatewayOptions, PushgatewayPusher>(
            builder.Services,
            PushgatewayOptions.SectionName,
            static (provider, options, sources, factory, time) => new PushgatewayPusher(
                options, sources, factory, provider.GetService<ILogger<PushgatewayPusher>>(), time)))
        {
            options.Bind(builder.Configuration.GetSection(PushgatewayOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    /// <summary>
    /// Writes what <c>/metrics</c> would serve to InfluxDB as line protocol every
    /// <see cref="PushOptions.Interval"/> and once at shutdown, on a background service. Calls
    /// <c>AddMetrics()</c>; binds <see cref="InfluxDbPushOptions"/> from <c>Metrics:Push:InfluxDb</c> and
    /// validates them at start-up. The <see cref="InfluxDbPusher"/> is registered too, for a one-shot
    /// <c>PushAsync()</c>. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="configure">Optional changes to the options in code, applied after configuration.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddInfluxDbPush(this IHostApplicationBuilder builder, Action<InfluxDbPushOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMetrics();
        var options = builder.Services.AddOptions<InfluxDbPushOptions>();
        if (TryRegister<InfluxDbPushOptions, InfluxDbPusher>(
            builder.Services,
            InfluxDbPushOptions.SectionName,
            static (provider, options, sources, factory, time) => new InfluxDbPusher(
                options, sources, factory, provider.GetService<ILogger<InfluxDbPusher>>(), time)))
        {
            options.Bind(builder.Configuration.GetSection(InfluxDbPushOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    /// <summary>Registers the pusher, its hosted service and its validator, unless already registered.</summary>
    /// <returns>False when the pusher was registered before, so the options are already bound.</returns>
    private static bool TryRegister<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TPusher>(
        IServiceCollection services,
        string section,
        Func<IServiceProvider, TOptions, IEnumerable<IMetricsSource>, MetricFactory, TimeProvider, TPusher> create)
        where TOptions : PushOptions
        where TPusher : MetricsPusher
    {
        if (services.Any(static d => d.ServiceType == typeof(TPusher)))
        {
            return false;
        }

        services.AddOptions<TOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new PushOptionsValidator<TOptions>(section));
        services.AddSingleton(provider =>
        {
            var factory = provider.GetRequiredService<MetricFactory>();

            // The same sources, in the same order, as the scraper behind /metrics.
            var sources = new List<IMetricsSource> { factory, provider.GetRequiredService<ForeignMeterSource>() };
            sources.AddRange(provider.GetServices<IMetricsSource>());
            var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
            return create(provider, provider.GetRequiredService<IOptions<TOptions>>().Value, sources, factory, time);
        });
        services.AddHostedService(static provider => new PushHostedService<TPusher>(
            provider.GetRequiredService<TPusher>(),
            provider.GetRequiredService<IOptions<TOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<TPusher>>()));
        return true;
    }
}
