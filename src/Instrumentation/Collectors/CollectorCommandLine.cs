using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Instrumentation.Collectors;

/// <summary>
/// Runs one collector once from the command line, for cron jobs, for trying a collector out, and for
/// debugging it: <c>myapp --once --dry-run --verbose</c>.
/// </summary>
public static class CollectorCommandLine
{
    /// <summary>
    /// Builds a generic host (with <c>AddMetrics()</c>, the services <paramref name="configure"/> adds, and
    /// <typeparamref name="T"/> unless configure registered it), runs <typeparamref name="T"/> once and
    /// returns the process exit code: 0 when it succeeded, 1 when it failed, 2 for bad arguments.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Arguments: <c>--dry-run</c> does not start the host, so its hosted services (metrics server,
    /// pushers, the collector scheduler) never run, and prints every series of the metric factory after
    /// the run (the collector's metrics and its <c>collector_*</c> self-metrics) as an aligned table to
    /// <paramref name="output"/>. Without it the host is started, the collector runs once, and the host is
    /// stopped, so hosted exporters push what it set. <c>--verbose</c> turns on debug logs. <c>--once</c>
    /// is accepted and ignored; anything else is rejected. Logs go to standard error, so the table on
    /// standard output stays clean. Other host settings come from the environment and appsettings.
    /// </para>
    /// <para>Periodic scheduling is off in this mode, whatever <c>RunAtStart</c> says: the collector runs exactly once.</para>
    /// </remarks>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="configure">Registers what the collector needs (its dependencies, options); may be null.</param>
    /// <param name="output">Where the table and help go; default standard output.</param>
    /// <param name="error">Where argument errors go; default standard error.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<int> RunOnceAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(
        string[] args,
        Action<HostApplicationBuilder>? configure = null,
        TextWriter? output = null,
        TextWriter? error = null,
        CancellationToken cancellationToken = default)
        where T : class, IMetricsCollector
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        if (!CollectorCommandLineArguments.TryParse(args, out var parsed, out var message))
        {
            await error.WriteLineAsync(message).ConfigureAwait(false);
            await error.WriteLineAsync(CollectorCommandLineArguments.Usage).ConfigureAwait(false);
            return 2;
        }

        if (parsed.Help)
        {
            await output.WriteLineAsync(CollectorCommandLineArguments.Usage).ConfigureAwait(false);
            return 0;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.AddConsole(static console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        if (parsed.Verbose)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }

        builder.AddMetrics();
        builder.Services.AddSingleton<CollectorRunOnceMode>();
        configure?.Invoke(builder);
        if (!builder.Services.Any(static d => d.ServiceType == typeof(CollectorRegistration) && d.ImplementationInstance is CollectorRegistration r && r.CollectorType == typeof(T)))
        {
            builder.Services.AddCollector<T>();
        }

        using var host = builder.Build();
        var runner = host.Services.GetRequiredService<CollectorRunners>().Find(typeof(T))
            ?? throw new InvalidOperationException($"Collector {typeof(T).Name} is not registered.");
        if (parsed.DryRun)
        {
            var succeeded = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
            MetricTableWriter.Write(host.Services.GetRequiredService<MetricFactory>(), output);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return succeeded ? 0 : 1;
        }

        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var ok = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        await host.StopAsync(cancellationToken).ConfigureAwait(false);
        return ok ? 0 : 1;
    }
}
