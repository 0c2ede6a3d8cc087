namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// Scrapes until the exposition shows what a test waits for, within a bound. ASP.NET Core records a
/// request's <c>http.server.request.duration</c> after the response has reached the client, so a scrape
/// straight after the last request can miss it.
/// </summary>
internal static class MetricsPolling
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Returns the first body of <paramref name="path"/> for which <paramref name="done"/> holds, or the last one read.</summary>
    public static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> done, string path = "/metrics")
    {
        var body = "";
        await Eventually.TrueAsync(async () => done(body = await client.GetStringAsync(path)), Patience);
        return body;
    }
}
