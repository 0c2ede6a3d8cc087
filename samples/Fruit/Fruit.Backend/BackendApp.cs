using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fruit.Backend;

/// <summary>Builds the backend worker host; <c>Program</c> runs it, the launcher and the tests host it.</summary>
public static class BackendApp
{
    /// <summary>
    /// Creates the generic host: the workers, the storage, and the standalone metrics server
    /// (<c>AddMetricsServer()</c>, <c>Metrics:Server:Port</c>, default 127.0.0.1:5001).
    /// <paramref name="configure"/> runs last on the builder.
    /// </summary>
    public static IHost Create(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddMetricsServer();
        builder.Services.AddFruitData(builder.Configuration);
        builder.Services.Configure<BackendOptions>(builder.Configuration.GetSection(BackendOptions.SectionName));
        builder.Services.AddSingleton<BackendMetrics>();
        builder.Services.AddSingleton<MessageProcessor>();
        builder.Services.AddHostedService<FruitWorkers>();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
