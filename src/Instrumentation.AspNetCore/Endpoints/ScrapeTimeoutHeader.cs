using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Instrumentation.AspNetCore.Endpoints;

/// <summary>
/// Prometheus' <c>X-Prometheus-Scrape-Timeout-Seconds</c> request header (its <c>scrape_timeout</c>, sent with every
/// scrape), and the share of it that gauge callbacks may use.
/// </summary>
/// <remarks>
/// With a scrape timeout <c>T</c>, callbacks get <c>T − min(T / 10, 250 ms)</c>: the margin is for the work the
/// deadline cannot cut short (the rest of the collection, rendering and sending the body), a tenth of a short
/// timeout, at most 250 ms of a long one.
/// </remarks>
internal static class ScrapeTimeoutHeader
{
    /// <summary>The header's name.</summary>
    public const string Name = "X-Prometheus-Scrape-Timeout-Seconds";

    /// <summary>The largest margin kept back from a scrape timeout for rendering and sending: 250 ms.</summary>
    public static readonly TimeSpan MaxMargin = TimeSpan.FromMilliseconds(250);

    /// <summary>The largest timeout taken from the header; a larger one sets no deadline worth keeping.</summary>
    private const double MaxSeconds = 24 * 60 * 60;

    /// <summary>
    /// Reads the scrape timeout from the header's <paramref name="values"/>: exactly one value, a positive finite
    /// number of seconds in the invariant culture (<c>10</c>, <c>0.5</c>, <c>1e1</c>), at most a day. Returns false
    /// for anything else (absent, repeated, empty, <c>abc</c>, <c>0</c>, <c>-1</c>, <c>NaN</c>, <c>0,5</c>); never throws.
    /// </summary>
    public static bool TryParse(StringValues values, out TimeSpan timeout)
    {
        timeout = default;
        if (values.Count != 1
            || !double.TryParse(values[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !(seconds > 0 && seconds <= MaxSeconds))
        {
            return false;
        }

        timeout = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>
    /// Returns how much of a scrape timeout gauge callbacks may use: <paramref name="scrapeTimeout"/> less
    /// min(a tenth of it, <see cref="MaxMargin"/>).
    /// </summary>
    public static TimeSpan CallbackShare(TimeSpan scrapeTimeout)
    {
        var margin = scrapeTimeout / 10;
        return scrapeTimeout - (margin < MaxMargin ? margin : MaxMargin);
    }
}
