using Fruit.Backend;
using Fruit.Frontend;
using Fruit.Traffic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fruit.Launcher;

/// <summary>
/// The whole shop in one process: frontend, backend and traffic, each its own host, sharing one store and
/// one queue (by default an SQLite file). Started in dependency order (backend, frontend, traffic) and stopped in reverse.
/// </summary>
public sealed class FruitShop : IAsyncDisposable
{
    private readonly List<IHost> _hosts;

    private FruitShop(FruitShopSettings settings, List<IHost> hosts, WebApplication frontend, IHost backend)
    {
        Settings = settings;
        _hosts = hosts;
        Frontend = frontend;
        Backend = backend;
    }

    /// <summary>Where everything listens.</summary>
    public FruitShopSettings Settings { get; }

    /// <summary>The frontend app (its services, for tests).</summary>
    public WebApplication Frontend { get; }

    /// <summary>The backend host (its services, for tests).</summary>
    public IHost Backend { get; }

    /// <summary>Builds and starts the three hosts; if one fails to start, those already started are stopped.</summary>
    public static async Task<FruitShop> StartAsync(FruitShopSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string[] shared = settings.DatabasePath is null
            ? [.. settings.SharedArguments]
            : [.. settings.SharedArguments, $"--Fruit:DatabasePath={settings.DatabasePath}"];
        var backend = BackendApp.Create(
            [.. shared, $"--Metrics:Server:Port={settings.BackendMetricsPort}", "--Metrics:Server:Host=127.0.0.1"],
            static builder => builder.Services.AddSingleton<IHostLifetime, LauncherLifetime>());
        var frontend = FrontendApp.Create(
            [.. shared, $"--urls={settings.FrontendUrl}"],
            static builder => builder.Services.AddSingleton<IHostLifetime, LauncherLifetime>());
        var hosts = new List<IHost> { backend, frontend };
        if (settings.TrafficRate > 0)
        {
            hosts.Add(TrafficApp.Create(
                new TrafficSettings(settings.FrontendUrl, settings.TrafficRate, settings.TrafficDuration),
                static builder => builder.Services.AddSingleton<IHostLifetime, LauncherLifetime>()));
        }

        var shop = new FruitShop(settings, hosts, frontend, backend);
        try
        {
            foreach (var host in hosts)
            {
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await shop.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return shop;
    }

    /// <summary>Stops traffic, then the frontend, then the backend.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the traffic host only, so the shop settles (tests compare metrics with the database).</summary>
    public async Task StopTrafficAsync(CancellationToken cancellationToken)
    {
        if (_hosts.Count > 2)
        {
            await _hosts[2].StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops (if still running) and disposes every host.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            try
            {
                await _hosts[i].StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping took too long; disposing below still releases the host.
            }

            if (_hosts[i] is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                _hosts[i].Dispose();
            }
        }
    }
}
