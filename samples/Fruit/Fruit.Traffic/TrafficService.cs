using Microsoft.Extensions.Hosting;

namespace Fruit.Traffic;

/// <summary>Runs a <see cref="TrafficGenerator"/> as a hosted service, for the launcher; stops with the host.</summary>
public sealed class TrafficService(TrafficSettings settings, TrafficStats stats) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new HttpClient { BaseAddress = settings.Target, Timeout = TimeSpan.FromSeconds(10) };
        await new TrafficGenerator(client).RunAsync(settings.Rate, settings.Duration, stats, stoppingToken).ConfigureAwait(false);
    }
}
