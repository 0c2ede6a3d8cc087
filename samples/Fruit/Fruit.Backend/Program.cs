using Instrumentation.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Fruit.Backend;

/// <summary>Runs the backend on its own (a namespaced Main: see the frontend's <c>Program</c>).</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        using var host = BackendApp.Create(args);
        await host.StartAsync();
        var server = host.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Server;
        Console.WriteLine($"Fruit backend: workers running, metrics at http://{server.Host}:{server.Port}/metrics. Ctrl+C stops.");
        await host.WaitForShutdownAsync();
    }
}
