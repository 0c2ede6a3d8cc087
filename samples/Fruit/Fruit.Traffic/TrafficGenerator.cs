using System.Net;
using System.Net.Http.Json;
using Fruit.Data;

namespace Fruit.Traffic;

/// <summary>
/// Sends random shop traffic to a frontend at a fixed rate: <c>GET /hello</c>, <c>GET /fruit</c>,
/// <c>GET /fruit?name=</c> (now and then an unknown fruit, answered 404) and <c>POST /fruit</c>.
/// Requests overlap when the frontend is slower than the rate. The <see cref="HttpClient"/> is the caller's.
/// </summary>
public sealed class TrafficGenerator(HttpClient client)
{
    /// <summary>
    /// Sends <paramref name="rate"/> requests per second for <paramref name="duration"/> (null: until
    /// cancelled), then waits for the requests still running. Cancellation ends it without throwing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive or the duration is negative.</exception>
    public async Task RunAsync(double rate, TimeSpan? duration, TrafficStats stats, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentNullException.ThrowIfNull(stats);
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The duration must not be negative.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is { } limit)
        {
            stop.CancelAfter(limit);
        }

        var pending = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate));
        try
        {
            do
            {
                pending.RemoveAll(static task => task.IsCompleted);
                pending.Add(SendOneAsync(stats, cancellationToken));
            }
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The duration is over, or the caller stopped us.
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async Task SendOneAsync(TrafficStats stats, CancellationToken cancellationToken)
    {
        stats.OnSent();
        var pick = Random.Shared.Next(100);
        var expected = HttpStatusCode.OK;
        try
        {
            using var response = pick switch
            {
                < 30 => await client.GetAsync(new Uri("/hello", UriKind.Relative), cancellationToken).ConfigureAwait(false),
                < 50 => await client.GetAsync(new Uri("/fruit", UriKind.Relative), cancellationToken).ConfigureAwait(false),
                < 65 => await client.GetAsync(new Uri($"/fruit?name={FruitCatalog.Random()}", UriKind.Relative), cancellationToken).ConfigureAwait(false),
                < 68 => await GetUnknownFruitAsync(cancellationToken).ConfigureAwait(false),
                _ => await client.PostAsJsonAsync(
                    new Uri("/fruit", UriKind.Relative),
                    new { name = FruitCatalog.Random(), quantity = Random.Shared.Next(1, 10) },
                    cancellationToken).ConfigureAwait(false),
            };
            expected = pick switch
            {
                < 65 => HttpStatusCode.OK,
                < 68 => HttpStatusCode.NotFound,
                _ => HttpStatusCode.Accepted,
            };
            if (response.StatusCode == expected)
            {
                stats.OnSucceeded();
            }
            else
            {
                stats.OnFailed();
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            stats.OnFailed();
        }
    }

    private Task<HttpResponseMessage> GetUnknownFruitAsync(CancellationToken cancellationToken) =>
        client.GetAsync(new Uri("/fruit?name=durian", UriKind.Relative), cancellationToken);
}
