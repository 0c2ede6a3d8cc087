using Instrumentation.AspNetCore.Server;
using Instrumentation.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Fruit.Backend;

/// <summary>Runs the backend on its own (a namespaced Main: see the frontend's <c>Program</c>).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var host = BackendApp.Create(args);
        try
        {
            await host.StartAsync();
        }
        catch (MetricsServerPortInUseException)
        {
            return 1; // the host has logged why, in one line; the runtime need not print it again
        }

        var server = host.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Server;
        Console.WriteLine($"Fruit backend: workers running, metrics at http://{server.Host}:{server.Port}/metrics. Ctrl+C stops.");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
