using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Instrumentation.AuthFlood;

/// <summary>Sends one GET and times it until the whole body has arrived.</summary>
internal static class Scrapes
{
    public static HttpClient NewClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<(HttpStatusCode? Status, TimeSpan Elapsed)> GetAsync(HttpClient client, Uri url, AuthenticationHeaderValue? authorization)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = authorization;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            await response.Content.CopyToAsync(Stream.Null).ConfigureAwait(false);
            return (response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException)
        {
            return (null, Stopwatch.GetElapsedTime(started));
        }
        catch (TaskCanceledException)
        {
            return (null, Stopwatch.GetElapsedTime(started));
        }
    }
}
