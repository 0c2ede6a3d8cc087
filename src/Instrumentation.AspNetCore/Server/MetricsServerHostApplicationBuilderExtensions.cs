using Instrumentation.AspNetCore.Authentication;
using Instrumentation.AspNetCore.Server;
using Instrumentation.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

/// <summary>Adds the standalone metrics server to an application builder.</summary>
public static class MetricsServerHostApplicationBuilderExtensions
{
    /// <summary>
    /// Serves the metrics endpoint on a port of its own (<see cref="MetricsServerOptions"/>, section
    /// <c>Metrics:Server</c>, default <c>127.0.0.1:5001</c>), for worker processes with no web server.
    /// Calls <c>AddMetrics()</c> if it was not called. Start-up fails with a clear message when the
    /// port is taken. Basic authentication (<c>Metrics:Authentication:Users</c>) applies here as on <c>MapMetrics()</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="port">The port, overriding configuration; null keeps the configured one.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddMetricsServer(this IHostApplicationBuilder builder, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMetrics(port is null ? null : options => options.Server.Port = port.Value);
        if (!builder.Services.Any(static d => d.ServiceType == typeof(MetricsServer)))
        {
            builder.Services.TryAddSingleton<MetricsBasicAuthenticator>();
            builder.Services.AddSingleton<MetricsServer>();
            builder.Services.AddHostedService(static provider => provider.GetRequiredService<MetricsServer>());
        }
        return builder;
    }
}
