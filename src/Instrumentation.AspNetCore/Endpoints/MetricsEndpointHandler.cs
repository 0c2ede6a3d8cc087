using System.Diagnostics;
using Instrumentation.AspNetCore.Authentication;
using Instrumentation.Exposition;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Instrumentation.AspNetCore.Endpoints;

/// <summary>
/// Serves one scrape: checks the credentials (refusing before any collection), picks the format from
/// <c>Accept</c> and streams the exposition into the response. When Prometheus sends its scrape timeout
/// (<see cref="ScrapeTimeoutHeader"/>), gauge callbacks must return within its share of it, counted from here.
/// A <c>HEAD</c> request does the same work and answers what <c>GET</c> would (a 500 for an exposition over
/// <c>Metrics:MaxScrapeBytes</c>), without a body.
/// </summary>
internal static class MetricsEndpointHandler
{
    public static async Task HandleAsync(HttpContext context, MetricsScraper scraper, MetricsBasicAuthenticator authenticator)
    {
        var received = Stopwatch.GetTimestamp();
        if (!await authenticator.AuthenticateAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var format = ContentNegotiation.Select(context.Request.Headers.Accept.ToString());
        var response = context.Response;
        var head = HttpMethods.IsHead(context.Request.Method);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentNegotiation.ContentTypeOf(format);
        response.Headers[HeaderNames.CacheControl] = "no-store";

        // HEAD renders too, into nothing: only a full rendering tells whether GET would succeed.
        var destination = head ? Stream.Null : response.Body;
        try
        {
            if (ScrapeTimeoutHeader.TryParse(context.Request.Headers[ScrapeTimeoutHeader.Name], out var scrapeTimeout))
            {
                var left = ScrapeTimeoutHeader.CallbackShare(scrapeTimeout) - Stopwatch.GetElapsedTime(received);
                await scraper.WriteAsync(destination, format, left > TimeSpan.Zero ? left : TimeSpan.Zero, context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                await scraper.WriteAsync(destination, format, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (ExpositionTooLargeException ex)
        {
            // Nothing was written, so the status can still change: say why rather than send a cut body.
            response.StatusCode = StatusCodes.Status500InternalServerError;
            response.ContentType = "text/plain; charset=utf-8";
            if (!head)
            {
                await response.WriteAsync(ex.Message, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
